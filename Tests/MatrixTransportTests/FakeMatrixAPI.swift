import CoachCore
import Foundation
import Synchronization

@testable import MatrixTransport

/// A scripted homeserver: each call takes the next scripted answer for its endpoint; a `sync`
/// with no answer left waits (like a long-poll) until cancelled.
final class FakeMatrixAPI: MatrixAPI {
    struct State {
        var syncs: [Result<SyncResponse, MatrixError>] = []
        var messages: [Result<MessagesResponse, MatrixError>] = []
        var sends: [Result<String, MatrixError>] = []
        var whoami: [Result<WhoAmIResponse, MatrixError>] = []
        var log: [String] = []
        var token: String?
        var sentTxnIDs: [String] = []
        var sentRooms: [String] = []
        var syncSinces: [String?] = []
        var messageRequests: [(from: String?, to: String?)] = []
        var members: [String: [(String, String)]] = [:]
        var joinFailures: [String: MatrixError] = [:]
    }
    let state = Mutex(State())

    func record(_ entry: String) { state.withLock { $0.log.append(entry) } }
    var log: [String] { state.withLock { $0.log } }

    func setAccessToken(_ accessToken: String?) { state.withLock { $0.token = accessToken } }

    func login(user: String, password: String, deviceID: String?) async throws(MatrixError) -> LoginResponse {
        record("login \(user)")
        guard password == "right" else { throw .server(status: 403, errcode: "M_FORBIDDEN", message: "Invalid password", retryAfter: nil) }
        return LoginResponse(userID: "@coachbot:localhost", accessToken: "tok", deviceID: "DEV")
    }

    func whoami() async throws(MatrixError) -> WhoAmIResponse {
        record("whoami")
        let next = state.withLock { $0.whoami.isEmpty ? nil : $0.whoami.removeFirst() }
        return try (next ?? .success(WhoAmIResponse(userID: "@coachbot:localhost", deviceID: "DEV"))).get()
    }

    func createFilter(userID: String, filter: SyncFilter) async throws(MatrixError) -> String {
        record("filter")
        return "f1"
    }

    func sync(since: String?, filterID: String?, timeout: Duration) async throws(MatrixError) -> SyncResponse {
        let next = state.withLock { s -> Result<SyncResponse, MatrixError>? in
            s.syncSinces.append(since)
            return s.syncs.isEmpty ? nil : s.syncs.removeFirst()
        }
        if let next { return try next.get() }
        do { try await Task.sleep(for: .seconds(3600)) } catch { throw .http(.cancelled) }
        throw .http(.cancelled)
    }

    func messages(roomID: String, from: String?, to: String?, direction: MatrixClient.Direction, limit: Int)
        async throws(MatrixError) -> MessagesResponse
    {
        let next = state.withLock { s -> Result<MessagesResponse, MatrixError>? in
            s.messageRequests.append((from, to))
            return s.messages.isEmpty ? nil : s.messages.removeFirst()
        }
        return try (next ?? .success(MessagesResponse(chunk: []))).get()
    }

    func join(_ roomIDOrAlias: String) async throws(MatrixError) -> String {
        record("join \(roomIDOrAlias)")
        if let failure = state.withLock({ $0.joinFailures[roomIDOrAlias] }) { throw failure }
        return roomIDOrAlias
    }

    func members(roomID: String) async throws(MatrixError) -> [ClientEvent] {
        record("members \(roomID)")
        let scripted = state.withLock { $0.members[roomID] }
        return (scripted ?? []).map { user, membership in
            ClientEvent(eventID: nil, type: "m.room.member", sender: user, originServerTS: nil, stateKey: user,
                        content: .object(["membership": .string(membership)]))
        }
    }

    func createDirectRoom(with userID: String) async throws(MatrixError) -> String {
        record("createDirectRoom \(userID)")
        return "!dm-\(userID)"
    }

    func send(roomID: String, txnID: String, content: RoomMessageContent) async throws(MatrixError) -> String {
        let next = state.withLock { s -> Result<String, MatrixError>? in
            s.sentRooms.append(roomID)
            s.sentTxnIDs.append(txnID)
            return s.sends.isEmpty ? nil : s.sends.removeFirst()
        }
        return try (next ?? .success("$sent-\(txnID)")).get()
    }
}
