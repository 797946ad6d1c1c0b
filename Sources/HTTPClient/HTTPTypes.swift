import Foundation

/// One HTTP request. Bodies are bytes: the client never interprets them, and never logs them.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    /// Header name/value pairs, in order. `Authorization` values are never logged.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Overrides the client's total timeout for this request (a long-poll needs more than the
    /// server-side wait it asks for).
    public var timeout: Duration?

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil, timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// Convenience for callers that hold `Data`.
    public init(method: String, url: String, headers: [(name: String, value: String)] = [], data: Data?, timeout: Duration? = nil) {
        self.init(method: method, url: url, headers: headers, body: data.map { [UInt8]($0) }, timeout: timeout)
    }
}

/// One HTTP response: status, headers (names as sent, looked up case-insensitively) and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    public var data: Data { Data(body) }
}

/// Why a request failed below HTTP. An HTTP error status is not an error here: it is a response.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL was rejected before any I/O (malformed, or a scheme other than http/https).
    case invalidRequest(String)
    /// No connection could be made (DNS, refused, unreachable).
    case couldNotConnect(String)
    /// The connect or total timeout elapsed.
    case timedOut(String)
    /// TLS failed: certificate not trusted, host name mismatch, handshake failure.
    case tls(String)
    /// The task was cancelled; the transfer was stopped.
    case cancelled
    /// The response body was larger than the client accepts.
    case responseTooLarge(limit: Int)
    /// The connection broke mid-transfer or another transport failure happened.
    case transport(code: Int, message: String)
    /// The client is shut down.
    case shutDown

    public var description: String {
        switch self {
        case .invalidRequest(let m): "invalid request: \(m); check the configured URL"
        case .couldNotConnect(let m): "could not connect: \(m); is the server running and the address right?"
        case .timedOut(let m): "timed out: \(m); the server or network is slow or down"
        case .tls(let m): "TLS failed: \(m); check the server certificate and the system CA store"
        case .cancelled: "cancelled"
        case .responseTooLarge(let limit): "response larger than \(limit) bytes"
        case .transport(let code, let m): "transport error \(code): \(m)"
        case .shutDown: "HTTP client is shut down"
        }
    }

    /// True for failures worth retrying later (the server may come back).
    public var isTransient: Bool {
        switch self {
        case .couldNotConnect, .timedOut, .transport: true
        case .invalidRequest, .tls, .cancelled, .responseTooLarge, .shutDown: false
        }
    }
}
