import ChatPipeline
import CoachCore
import Foundation
import PipelineTestSupport
import Synchronization
import Testing

@testable import MatrixTransport

/// The session and direct rooms in memory.
final class InMemorySessions: MatrixSessionStore {
    let state: Mutex<(session: MatrixSession?, direct: [String: String])>
    init(_ session: MatrixSession? = nil) { state = Mutex((session, [:])) }
    var session: MatrixSession? { state.withLock { $0.session } }
    var direct: [String: String] { state.withLock { $0.direct } }
    func loadSession() throws -> MatrixSession? { session }
    func saveSession(_ session: MatrixSession) throws { state.withLock { $0.session = session } }
    func directRoom(with userID: String) throws -> String? { state.withLock { $0.direct[userID] } }
    func saveDirectRoom(_ roomID: String, with userID: String) throws { state.withLock { $0.direct[userID] = roomID } }
}

/// Matrix on the pipeline against a scripted homeserver: login, joins, history, back-fill,
/// retries with the same transaction id, direct rooms, membership, exit codes.
@Suite struct MatrixNetworkTests {
    static let fastRetry = RetryPolicy(initialDelay: .milliseconds(5), maxDelay: .milliseconds(20))
    static let stored = MatrixSession(userID: "@coachbot:localhost", accessToken: "t", deviceID: nil)
    static let ok: @Sendable (IncomingMessage) -> [OutgoingMessage] = { [OutgoingMessage(room: $0.room, text: "ok", replyTo: $0.messageID)] }

    func pipeline(_ api: FakeMatrixAPI, _ sessions: InMemorySessions, _ store: InMemoryPipelineStore, password: String? = "right",
                  rooms: [String] = []) -> PipelineService<MatrixNetwork> {
        let network = MatrixNetwork(client: api, sessions: sessions, configuration: .init(
            user: "@coachbot:localhost", password: password, allowedInviters: ["@alice:localhost", "@erik:localhost"],
            retry: Self.fastRetry, rooms: rooms))
        return PipelineService(network: network, store: store, configuration: .init(backoff: Backoff(initial: .milliseconds(5), maximum: .milliseconds(20)), seed: 3))
    }

    @Test func firstStartLogsInJoinsAnswersNoHistoryThenAnswersNewMessages() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock {
            $0.syncs = [.success(try! decode(SyncResponse.self, "sync_initial")), .success(try! decode(SyncResponse.self, "sync_incremental"))]
            $0.messages = [.success(try! decode(MessagesResponse.self, "messages_page1")), .success(try! decode(MessagesResponse.self, "messages_page2"))]
        }
        let sessions = InMemorySessions()
        let seen = Mutex<[String]>([])
        let store = InMemoryPipelineStore(network: "matrix") { m in
            seen.withLock { $0.append(m.messageID) }
            return Self.ok(m)
        }
        let task = Task { try await pipeline(api, sessions, store).run() }
        #expect(await eventually { api.state.withLock { $0.sentTxnIDs.count } == 5 })
        task.cancel()
        try await task.value

        #expect(sessions.session?.accessToken == "tok", "the login is stored for reuse")
        #expect(api.log.contains("join !aliceroom:localhost"))
        #expect(!api.log.contains("join !spam:evil.example"))
        // History before the first start is not answered; the gap in erik's room comes first,
        // oldest first, then the new timeline events.
        #expect(seen.withLock { $0 } == ["$e1", "$e2", "$a1", "$a2", "$e3"])
        let requests = api.state.withLock { $0.messageRequests }
        #expect(requests.map(\.from) == ["t36-gap_0_0", "t30-page2_0_0"])
        #expect(requests.map(\.to) == ["s72594_4483_1934", "s72594_4483_1934"], "back-fill stops at the previously seen point")
        #expect(store.with { $0.cursors["matrix"] } == "s72595_4483_1935")
        #expect(api.state.withLock { $0.syncSinces.prefix(3) } == [nil, "s72594_4483_1934", "s72595_4483_1935"])
        #expect(store.with { $0.memberships.keys.contains("!aliceroom:localhost") }, "membership is reported for rooms with messages")
    }

    @Test func storedSessionAndCursorAreReused() async throws {
        let api = FakeMatrixAPI()
        let sessions = InMemorySessions(MatrixSession(userID: "@coachbot:localhost", accessToken: "old", deviceID: "D"))
        let store = InMemoryPipelineStore(cursor: "s9", network: "matrix", replies: Self.ok)
        let task = Task { try await pipeline(api, sessions, store, password: nil).run() }
        #expect(await eventually { api.state.withLock { !$0.syncSinces.isEmpty } })
        task.cancel()
        try await task.value
        #expect(!api.log.contains { $0.hasPrefix("login") }, "login is rate-limited: a stored token is reused")
        #expect(api.state.withLock { $0.token } == "old")
        #expect(api.state.withLock { $0.syncSinces.first } == "s9")
    }

    @Test func aReplyIsRetriedWithTheSameTransactionID() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock {
            $0.sends = [
                .failure(.server(status: 429, errcode: "M_LIMIT_EXCEEDED", message: nil, retryAfter: .milliseconds(30))),
                .failure(.server(status: 502, errcode: nil, message: nil, retryAfter: nil)),
                .failure(.http(.couldNotConnect("refused"))),
            ]
        }
        let store = InMemoryPipelineStore(cursor: "s1", network: "matrix", replies: Self.ok)
        store.enqueue(room: "!r", text: "reply", key: "txn-1")
        let task = Task { try await pipeline(api, InMemorySessions(Self.stored), store).run() }
        #expect(await eventually { store.with { $0.delivered["txn-1"] } == 1 })
        task.cancel()
        try await task.value
        #expect(api.state.withLock { $0.sentTxnIDs } == ["txn-1", "txn-1", "txn-1", "txn-1"])
    }

    @Test func aMessageToAPersonOpensOneDirectRoomAndReusesIt() async throws {
        let api = FakeMatrixAPI()
        let sessions = InMemorySessions(Self.stored)
        let store = InMemoryPipelineStore(cursor: "s1", network: "matrix", replies: Self.ok)
        store.enqueue(room: "@alice:localhost", text: "your coach changed today", key: "a")
        store.enqueue(room: "@alice:localhost", text: "and again", key: "b")
        let task = Task { try await pipeline(api, sessions, store).run() }
        #expect(await eventually { store.with { $0.delivered["b"] } == 1 })
        task.cancel()
        try await task.value
        #expect(api.log.filter { $0.hasPrefix("createDirectRoom") } == ["createDirectRoom @alice:localhost"])
        #expect(api.state.withLock { $0.sentRooms } == ["!dm-@alice:localhost", "!dm-@alice:localhost"])
        #expect(sessions.direct["@alice:localhost"] == "!dm-@alice:localhost")
    }

    @Test func aRefusedReplyIsRecordedAndDoesNotBlockTheQueue() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock { $0.sends = [.failure(.server(status: 403, errcode: "M_FORBIDDEN", message: "not in room", retryAfter: nil))] }
        let store = InMemoryPipelineStore(cursor: "s1", network: "matrix", replies: Self.ok)
        store.enqueue(room: "!gone", text: "x", key: "a")
        store.enqueue(room: "!r", text: "y", key: "b")
        let task = Task { try await pipeline(api, InMemorySessions(Self.stored), store).run() }
        #expect(await eventually { store.with { $0.delivered["b"] == 1 && $0.abandoned["a"] != nil } })
        task.cancel()
        try await task.value
    }

    @Test func aRejectedTokenExits75AndAWrongPassword77() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock { $0.syncs = [.failure(.server(status: 401, errcode: "M_UNKNOWN_TOKEN", message: "Invalid", retryAfter: nil))] }
        let store = InMemoryPipelineStore(cursor: "s1", network: "matrix", replies: Self.ok)
        do {
            try await pipeline(api, InMemorySessions(Self.stored), store, password: nil).run()
            Issue.record("the pipeline went on without credentials")
        } catch let exit as PipelineExit {
            #expect(exit.exitCode == 75)
        }
        #expect(store.with { $0.lastError }?.contains("M_UNKNOWN_TOKEN") == true)
        do {
            try await pipeline(FakeMatrixAPI(), InMemorySessions(), InMemoryPipelineStore(network: "matrix", replies: Self.ok), password: "wrong").run()
            Issue.record("logged in with a wrong password")
        } catch let exit as PipelineExit {
            #expect(exit.exitCode == 77)
        }
    }

    @Test func aRefusedJoinOfTheCoachesRoomIsAConfigurationError() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock { $0.joinFailures["#coaches:localhost"] = .server(status: 403, errcode: "M_FORBIDDEN", message: "not invited", retryAfter: nil) }
        do {
            try await pipeline(api, InMemorySessions(Self.stored), InMemoryPipelineStore(network: "matrix", replies: Self.ok), rooms: ["#coaches:localhost"]).run()
            Issue.record("went on without the coaches' room")
        } catch let exit as PipelineExit {
            #expect(exit.exitCode == 78)
            #expect(exit.description.contains("#coaches:localhost") && exit.description.contains("invite"))
        }
    }

    @Test func revokedStoredTokenWithPasswordLogsInAgain() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock { $0.whoami = [.failure(.server(status: 401, errcode: "M_UNKNOWN_TOKEN", message: nil, retryAfter: nil))] }
        let sessions = InMemorySessions(MatrixSession(userID: "@coachbot:localhost", accessToken: "old", deviceID: nil))
        let task = Task { try await pipeline(api, sessions, InMemoryPipelineStore(cursor: "s1", network: "matrix", replies: Self.ok)).run() }
        #expect(await eventually { sessions.session?.accessToken == "tok" })
        task.cancel()
        try await task.value
    }

    @Test func cancellationStopsPromptly() async throws {
        let api = FakeMatrixAPI()
        let task = Task { try await pipeline(api, InMemorySessions(Self.stored), InMemoryPipelineStore(cursor: "s1", network: "matrix", replies: Self.ok)).run() }
        #expect(await eventually { api.state.withLock { !$0.syncSinces.isEmpty } })
        let start = ContinuousClock.now
        task.cancel()
        try await task.value
        // Well under a second on an idle machine; the bound leaves room for a loaded test run.
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func localpartOfUserID() {
        #expect(MatrixNetwork.localpart("@coachbot:localhost") == "coachbot")
        #expect(MatrixNetwork.localpart("coachbot") == "coachbot")
    }

    @Test func idempotencyKeysAreFixedByTheAnsweredMessageAndURLSafe() {
        let a = IdempotencyKey.make(source: "matrix\u{1F}$a1:localhost", index: 0)
        #expect(a == IdempotencyKey.make(source: "matrix\u{1F}$a1:localhost", index: 0))
        #expect(a != IdempotencyKey.make(source: "matrix\u{1F}$a1:localhost", index: 1))
        #expect(a != IdempotencyKey.make(source: "matrix\u{1F}$a2:localhost", index: 0))
        #expect(a.hasPrefix("cb1-") && a.count == "cb1-".count + 16 + 2)
        #expect(MatrixClient.segment(a) == a, "URL-safe as it is")
        #expect(MatrixClient.randomTransactionID() != MatrixClient.randomTransactionID())
    }
}
