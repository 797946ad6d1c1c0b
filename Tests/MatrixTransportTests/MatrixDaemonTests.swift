import CoachCore
import Foundation
import ServiceLifecycle
import Testing

@testable import MatrixTransport

@Suite struct MatrixDaemonTests {
    /// Fast retries, so tests of outages take milliseconds.
    static let fastRetry = RetryPolicy(initialDelay: .milliseconds(5), maxDelay: .milliseconds(20))

    func daemon(_ api: FakeMatrixAPI, _ store: InMemoryMatrixStateStore, _ handler: any MatrixBatchHandler, password: String? = "right")
        -> MatrixDaemon
    {
        MatrixDaemon(
            client: api, store: store, handler: handler,
            configuration: .init(user: "@coachbot:localhost", password: password, allowedInviters: ["@alice:localhost", "@erik:localhost"],
                                 retry: Self.fastRetry))
    }

    @Test func firstStartLogsInJoinsAnswersNoHistoryThenAnswersNewMessages() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock {
            $0.syncs = [.success(try! decode(SyncResponse.self, "sync_initial")), .success(try! decode(SyncResponse.self, "sync_incremental"))]
            $0.messages = [.success(try! decode(MessagesResponse.self, "messages_page1")), .success(try! decode(MessagesResponse.self, "messages_page2"))]
        }
        let store = InMemoryMatrixStateStore()
        let handler = RecordingHandler(store: store)
        let task = Task { try await daemon(api, store, handler).run() }
        #expect(try await eventually { await store.sent.count == 5 })
        task.cancel()
        try await task.value

        #expect(await store.session?.accessToken == "tok", "the login is stored for reuse")
        #expect(api.log.contains("join !aliceroom:localhost"))
        #expect(!api.log.contains("join !spam:evil.example"))
        let batches = handler.batches.withLock { $0 }
        #expect(batches.first == [], "history before the first start is not answered")
        // The gap in erik's room comes first, oldest first, then the new timeline events.
        #expect(batches.dropFirst().first?.map(\.messageID) == ["$e1", "$e2", "$a1", "$a2", "$e3"])
        let requests = api.state.withLock { $0.messageRequests }
        #expect(requests.map(\.from) == ["t36-gap_0_0", "t30-page2_0_0"])
        #expect(requests.map(\.to) == ["s72594_4483_1934", "s72594_4483_1934"], "back-fill stops at the previously seen point")
        #expect(await store.since == "s72595_4483_1935")
        #expect(api.state.withLock { $0.syncSinces.prefix(3) } == [nil, "s72594_4483_1934", "s72595_4483_1935"])
    }

    @Test func storedSessionAndSinceAreReused() async throws {
        let api = FakeMatrixAPI()
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "old", deviceID: "D"), since: "s9")
        let task = Task { try await daemon(api, store, RecordingHandler(store: store), password: nil).run() }
        #expect(try await eventually { api.state.withLock { !$0.syncSinces.isEmpty } })
        task.cancel()
        try await task.value
        #expect(!api.log.contains { $0.hasPrefix("login") }, "login is rate-limited: a stored token is reused")
        #expect(api.state.withLock { $0.token } == "old")
        #expect(api.state.withLock { $0.syncSinces.first } == "s9")
    }

    @Test func outboxDrainsBeforeSyncRetryingWithTheSameTransactionID() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock {
            $0.sends = [
                .failure(.server(status: 429, errcode: "M_LIMIT_EXCEEDED", message: nil, retryAfter: .milliseconds(30))),
                .failure(.server(status: 502, errcode: nil, message: nil, retryAfter: nil)),
                .failure(.http(.couldNotConnect("refused"))),
            ]
        }
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "t", deviceID: nil), since: "s1")
        await store.enqueue(OutboxEntry(txnID: "txn-1", message: OutgoingMessage(room: "!r", text: "reply")))
        let task = Task { try await daemon(api, store, RecordingHandler(store: store)).run() }
        #expect(try await eventually { await store.sent["txn-1"] != nil })
        task.cancel()
        try await task.value
        #expect(api.state.withLock { $0.sentTxnIDs } == ["txn-1", "txn-1", "txn-1", "txn-1"])
        #expect(await store.sent["txn-1"] == "$sent-txn-1")
    }

    @Test func aMessageToAPersonOpensOneDirectRoomAndReusesIt() async throws {
        let api = FakeMatrixAPI()
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "t", deviceID: nil), since: "s1")
        await store.enqueue(OutboxEntry(txnID: "a", message: OutgoingMessage(room: "@alice:localhost", text: "your coach changed today")))
        await store.enqueue(OutboxEntry(txnID: "b", message: OutgoingMessage(room: "@alice:localhost", text: "and again")))
        let task = Task { try await daemon(api, store, RecordingHandler(store: store)).run() }
        #expect(try await eventually { await store.sent["b"] != nil })
        task.cancel()
        try await task.value
        #expect(api.log.filter { $0.hasPrefix("createDirectRoom") } == ["createDirectRoom @alice:localhost"])
        #expect(api.state.withLock { $0.sentRooms } == ["!dm-@alice:localhost", "!dm-@alice:localhost"])
        #expect(await store.directRooms["@alice:localhost"] == "!dm-@alice:localhost")
    }

    @Test func refusedReplyIsRecordedAndDoesNotBlockTheQueue() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock { $0.sends = [.failure(.server(status: 403, errcode: "M_FORBIDDEN", message: "not in room", retryAfter: nil))] }
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "t", deviceID: nil), since: "s1")
        await store.enqueue(OutboxEntry(txnID: "a", message: OutgoingMessage(room: "!gone", text: "x")))
        await store.enqueue(OutboxEntry(txnID: "b", message: OutgoingMessage(room: "!r", text: "y")))
        let task = Task { try await daemon(api, store, RecordingHandler(store: store)).run() }
        #expect(try await eventually { await store.sent["b"] != nil })
        task.cancel()
        try await task.value
        #expect(await store.failed["a"] != nil)
    }

    @Test func unknownTokenEndsTheDaemonWithADistinctError() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock { $0.syncs = [.failure(.server(status: 401, errcode: "M_UNKNOWN_TOKEN", message: "Invalid", retryAfter: nil))] }
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "t", deviceID: nil), since: "s1")
        await #expect(throws: MatrixDaemonError.self) {
            try await daemon(api, store, RecordingHandler(store: store), password: nil).run()
        }
        #expect(await store.lastError?.contains("M_UNKNOWN_TOKEN") == true)
        #expect(MatrixDaemonError.unknownToken("x").exitCode != MatrixDaemonError.loginFailed("x").exitCode)
    }

    @Test func revokedStoredTokenWithPasswordLogsInAgain() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock { $0.whoami = [.failure(.server(status: 401, errcode: "M_UNKNOWN_TOKEN", message: nil, retryAfter: nil))] }
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "old", deviceID: nil), since: "s1")
        let task = Task { try await daemon(api, store, RecordingHandler(store: store)).run() }
        #expect(try await eventually { await store.session?.accessToken == "tok" })
        task.cancel()
        try await task.value
    }

    @Test func wrongPasswordFailsLogin() async throws {
        let api = FakeMatrixAPI()
        let store = InMemoryMatrixStateStore()
        await #expect(throws: MatrixDaemonError.self) {
            try await daemon(api, store, RecordingHandler(store: store), password: "wrong").run()
        }
    }

    @Test func outageBacksOffAndSinceDoesNotMoveUntilTheHandlerSucceeds() async throws {
        let api = FakeMatrixAPI()
        api.state.withLock {
            $0.syncs = [
                .failure(.server(status: 503, errcode: nil, message: nil, retryAfter: nil)),
                .failure(.http(.couldNotConnect("refused"))),
                .success(try! decode(SyncResponse.self, "sync_incremental")),
                .success(try! decode(SyncResponse.self, "sync_incremental")),
            ]
        }
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "t", deviceID: nil), since: "s0")
        let handler = RecordingHandler(store: store, failures: 1)
        let task = Task { try await daemon(api, store, handler).run() }
        #expect(try await eventually { await store.since == "s72595_4483_1935" })
        task.cancel()
        try await task.value
        // Two outages and one failed handler: the same `since` is asked for until a batch commits.
        #expect(api.state.withLock { Array($0.syncSinces.prefix(4)) } == ["s0", "s0", "s0", "s0"])
        #expect(await store.processed.contains("$a1"))
    }

    @Test func cancellationStopsPromptly() async throws {
        let api = FakeMatrixAPI()
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "t", deviceID: nil), since: "s1")
        let task = Task { try await daemon(api, store, RecordingHandler(store: store)).run() }
        #expect(try await eventually { api.state.withLock { !$0.syncSinces.isEmpty } })
        let start = ContinuousClock.now
        task.cancel()
        try await task.value
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func gracefulShutdownThroughServiceGroup() async throws {
        let api = FakeMatrixAPI()
        let store = InMemoryMatrixStateStore(session: MatrixSession(userID: "@coachbot:localhost", accessToken: "t", deviceID: nil), since: "s1")
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: daemon(api, store, RecordingHandler(store: store)))], logger: .init(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await eventually { api.state.withLock { !$0.syncSinces.isEmpty } })
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
