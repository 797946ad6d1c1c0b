import ChatPipeline
import CoachCore
import PipelineTestSupport
import ServiceLifecycle
import Testing

@Suite struct PipelineServiceTests {
    static func message(_ id: String, room: String) -> IncomingMessage {
        IncomingMessage(network: "scripted", room: room, sender: "@\(room)", text: "hrv 50", messageID: id, time: 0)
    }
    static let echo: @Sendable (IncomingMessage) -> [OutgoingMessage] = {
        [OutgoingMessage(room: $0.room, text: "re: \($0.messageID)", replyTo: $0.messageID)]
    }

    func service(_ network: ScriptedNetwork, _ store: InMemoryPipelineStore, maxInFlight: Int = 8) -> PipelineService<ScriptedNetwork> {
        PipelineService(network: network, store: store,
                        configuration: .init(maxInFlight: maxInFlight, backoff: Backoff(initial: .milliseconds(500)), seed: 42),
                        clock: FastClock())
    }

    @Test func repliesToDifferentRoomsGoOutConcurrentlyAndReceivingDoesNotWaitForThem() async throws {
        let network = ScriptedNetwork(name: "scripted")
        let rooms = (0..<10).map { "room\($0)" }
        network.with {
            $0.gateOpen = false  // every send hangs until the test lets them through
            $0.batches = [.success(NetworkBatch(messages: rooms.map { Self.message("a-\($0)", room: $0) }, nextCursor: "c1")),
                          .success(NetworkBatch(messages: rooms.map { Self.message("b-\($0)", room: $0) }, nextCursor: "c2"))]
        }
        let store = InMemoryPipelineStore(network: "scripted", replies: Self.echo)
        let task = Task { try await service(network, store, maxInFlight: 4).run() }
        #expect(await eventually { store.with { $0.commits } == 2 && network.with { $0.inFlight } == 4 },
                "the second batch is committed while four replies hang in flight")
        #expect(network.with { $0.delivered.isEmpty })
        network.with { $0.gateOpen = true }
        #expect(await eventually { network.with { $0.delivered.count } == 20 })
        task.cancel()
        try await task.value
        #expect(network.with { $0.maxInFlight } == 4, "bounded, and concurrent")
        for room in rooms {
            #expect(network.with { $0.delivered.filter { $0.room == room }.map(\.text) } == ["re: a-\(room)", "re: b-\(room)"], "each room in order")
        }
        #expect(store.with { $0.outbox.isEmpty })
    }

    @Test func anOutageAndAFailedCommitNeitherLoseNorRepeatAMessage() async throws {
        let network = ScriptedNetwork()
        let batch = NetworkBatch(messages: [Self.message("m1", room: "r")], nextCursor: "c1")
        network.with { $0.batches = [.failure(.receive), .failure(.receive), .success(batch), .success(batch)] }
        let store = InMemoryPipelineStore(cursor: "c0", network: "scripted", replies: Self.echo)
        store.with { $0.failCommits = 1 }
        let task = Task { try await service(network, store).run() }
        #expect(await eventually { network.with { $0.delivered.count } == 1 })
        task.cancel()
        try await task.value
        #expect(network.with { Array($0.cursorsAsked.prefix(4)) } == ["c0", "c0", "c0", "c0"], "the cursor moves only with a commit")
        #expect(store.with { $0.cursors["scripted"] } == "c1")
        #expect(network.with { $0.delivered.map(\.text) } == ["re: m1"])
    }

    @Test func aRoomThatFailsDoesNotHoldUpTheOthers() async throws {
        let network = ScriptedNetwork()
        network.with {
            $0.deliveryFailures["slow"] = [.transient(after: .seconds(30)), .transient(after: nil)]
            $0.deliveryFailures["gone"] = [.rejected("M_FORBIDDEN")]
        }
        let store = InMemoryPipelineStore(cursor: "c0", network: "scripted", replies: Self.echo)
        store.enqueue(room: "slow", text: "1")
        store.enqueue(room: "gone", text: "2")
        store.enqueue(room: "ok", text: "3")
        let task = Task { try await service(network, store).run() }
        #expect(await eventually { network.with { $0.delivered.map(\.text) }.contains("3") })
        #expect(network.with { !$0.delivered.map(\.text).contains("1") }, "slow room still waiting its 30 s")
        #expect(await eventually { network.with { $0.delivered.map(\.text) }.contains("1") })
        task.cancel()
        try await task.value
        #expect(store.with { $0.abandoned.count } == 1)
        #expect(store.with { $0.attempts } == 2)
        #expect(network.with { $0.deliveryAttempts.filter { $0 == "k1" }.count } == 3, "retried with the same key")
    }

    @Test func fatalFailureEndsTheServiceWithItsExit() async throws {
        let network = ScriptedNetwork()
        network.with { $0.connectFailures = [.transient(after: nil), .fatal(PipelineExit(.configuration, "cannot join #coaches"))] }
        let store = InMemoryPipelineStore(network: "scripted", replies: Self.echo)
        await #expect(throws: PipelineExit(.configuration, "cannot join #coaches")) {
            try await service(network, store).run()
        }
        #expect(network.with { $0.connects } == 2)
        #expect(store.with { $0.lastError } == "configuration error: cannot join #coaches")
    }

    @Test func gracefulShutdownThroughAServiceGroup() async throws {
        let network = ScriptedNetwork()
        let store = InMemoryPipelineStore(network: "scripted", replies: Self.echo)
        let group = ServiceGroup(configuration: .init(services: [.init(service: service(network, store))], logger: .init(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(await eventually { network.with { !$0.cursorsAsked.isEmpty } })
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
