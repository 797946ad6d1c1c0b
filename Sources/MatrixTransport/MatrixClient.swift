import Foundation
import HTTPClient
import Logging
import Synchronization

/// The Client-Server API calls coachbot makes, over `HTTPClient`. One instance per homeserver and
/// login. It holds the access token, sends it only in the `Authorization` header, and never logs it.
public final class MatrixClient: Sendable {
    public let homeserver: String
    private let http: HTTPClient
    private let logger: Logger
    private let token: Mutex<String?>

    /// - Parameter homeserver: base URL, e.g. `https://matrix.example.org` (no trailing path).
    public init(homeserver: String, http: HTTPClient, accessToken: String? = nil, logger: Logger = Logger(label: "coachbot.matrix")) {
        var base = homeserver
        while base.hasSuffix("/") { base.removeLast() }
        self.homeserver = base
        self.http = http
        self.logger = logger
        self.token = Mutex(accessToken)
    }

    public var isLoggedIn: Bool { token.withLock { $0 != nil } }

    public func setAccessToken(_ accessToken: String?) {
        token.withLock { $0 = accessToken }
    }

    // MARK: Endpoints

    /// Password login; the client keeps the token for later calls.
    public func login(user: String, password: String, deviceID: String? = nil) async throws(MatrixError) -> LoginResponse {
        let response: LoginResponse = try await call(
            "POST", "/login", body: LoginRequest(user: user, password: password, deviceID: deviceID), authorized: false)
        setAccessToken(response.accessToken)
        logger.info("matrix login", metadata: ["user": "\(response.userID)"])
        return response
    }

    public func whoami() async throws(MatrixError) -> WhoAmIResponse {
        try await call("GET", "/account/whoami")
    }

    public func createFilter(userID: String, filter: SyncFilter) async throws(MatrixError) -> String {
        let response: FilterResponse = try await call("POST", "/user/\(Self.segment(userID))/filter", body: filter)
        return response.filterID
    }

    /// Long-polls `/sync`. The HTTP timeout is the server-side wait plus a margin.
    public func sync(since: String?, filterID: String?, timeout: Duration) async throws(MatrixError) -> SyncResponse {
        var query: [(String, String)] = [("timeout", "\(timeout.components.seconds * 1000)")]
        if let since { query.append(("since", since)) }
        if let filterID { query.append(("filter", filterID)) }
        return try await call("GET", "/sync", query: query, timeout: timeout + .seconds(30))
    }

    public enum Direction: String, Sendable { case backward = "b", forward = "f" }

    public func messages(roomID: String, from: String?, to: String? = nil, direction: Direction = .backward, limit: Int = 100)
        async throws(MatrixError) -> MessagesResponse
    {
        var query: [(String, String)] = [("dir", direction.rawValue), ("limit", "\(limit)")]
        if let from { query.append(("from", from)) }
        if let to { query.append(("to", to)) }
        query.append(("filter", #"{"types":["m.room.message","m.room.member"],"lazy_load_members":true}"#))
        return try await call("GET", "/rooms/\(Self.segment(roomID))/messages", query: query)
    }

    /// Joins a room by id or alias; returns the room id.
    public func join(_ roomIDOrAlias: String) async throws(MatrixError) -> String {
        let response: RoomIDResponse = try await call("POST", "/join/\(Self.segment(roomIDOrAlias))", body: [String: String]())
        return response.roomID
    }

    /// Creates a direct room with one person; returns the room id.
    public func createDirectRoom(with userID: String) async throws(MatrixError) -> String {
        let response: RoomIDResponse = try await call("POST", "/createRoom", body: CreateRoomRequest(invite: [userID]))
        return response.roomID
    }

    /// The membership events of a room's current members (joined, invited; not those who left).
    public func members(roomID: String) async throws(MatrixError) -> [ClientEvent] {
        let response: MembersResponse = try await call("GET", "/rooms/\(Self.segment(roomID))/members", query: [("not_membership", "leave")])
        return response.chunk
    }

    public func resolveAlias(_ alias: String) async throws(MatrixError) -> String {
        let response: DirectoryResponse = try await call("GET", "/directory/room/\(Self.segment(alias))")
        return response.roomID
    }

    /// Sends a message with a caller-fixed transaction id; sending again with the same id returns
    /// the same event id and creates no second event.
    public func send(roomID: String, txnID: String, content: RoomMessageContent) async throws(MatrixError) -> String {
        let path = "/rooms/\(Self.segment(roomID))/send/m.room.message/\(Self.segment(txnID))"
        let response: SendResponse = try await call("PUT", path, body: content)
        return response.eventID
    }

    // MARK: Plumbing

    private struct Empty: Encodable {}

    private func call<Response: Decodable>(
        _ method: String, _ path: String, query: [(String, String)] = [], timeout: Duration? = nil, authorized: Bool = true
    ) async throws(MatrixError) -> Response {
        try await call(method, path, query: query, bodyBytes: nil, timeout: timeout, authorized: authorized)
    }

    private func call<Body: Encodable, Response: Decodable>(
        _ method: String, _ path: String, query: [(String, String)] = [], body: Body, timeout: Duration? = nil,
        authorized: Bool = true
    ) async throws(MatrixError) -> Response {
        let bytes: [UInt8]
        do { bytes = [UInt8](try JSONEncoder().encode(body)) } catch {
            throw .badResponse("cannot encode request: \(error)")
        }
        return try await call(method, path, query: query, bodyBytes: bytes, timeout: timeout, authorized: authorized)
    }

    private func call<Response: Decodable>(
        _ method: String, _ path: String, query: [(String, String)], bodyBytes: [UInt8]?, timeout: Duration?, authorized: Bool
    ) async throws(MatrixError) -> Response {
        var url = homeserver + "/_matrix/client/v3" + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.segment($0.0))=\(Self.segment($0.1))" }.joined(separator: "&")
        }
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if bodyBytes != nil { headers.append(("Content-Type", "application/json")) }
        if authorized {
            guard let token = token.withLock({ $0 }) else { throw .notLoggedIn }
            headers.append(("Authorization", "Bearer \(token)"))
        }
        let response: HTTPResponse
        do {
            response = try await http.send(HTTPRequest(method: method, url: url, headers: headers, body: bodyBytes, timeout: timeout))
        } catch {
            throw .http(error)
        }
        guard (200..<300).contains(response.status) else {
            let body = try? JSONDecoder().decode(MatrixErrorBody.self, from: response.data)
            let error = MatrixError.from(status: response.status, headers: response.header("Retry-After"), body: body)
            logger.debug("matrix error", metadata: ["method": "\(method)", "status": "\(response.status)", "errcode": "\(body?.errcode ?? "-")"])
            throw error
        }
        do {
            return try JSONDecoder().decode(Response.self, from: response.data)
        } catch {
            throw .badResponse("\(method) \(path.split(separator: "/").first ?? ""): \(error)")
        }
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()

    /// Percent-encodes a path segment or query part: room ids (`!a:b`), aliases (`#a:b`), tokens.
    public static func segment(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s
    }
}

extension MatrixClient {
    /// A fresh random transaction id, for messages that answer no event (tests and benchmarks
    /// writing as people; the bot's own replies take the pipeline's keys).
    public static func randomTransactionID() -> String {
        var rng = SystemRandomNumberGenerator()
        let a = rng.next() as UInt64, b = rng.next() as UInt64
        return "cb1-r" + String(a, radix: 16) + String(b, radix: 16)
    }
}
