import ChatPipeline
import Testing

@Suite struct DeliveryStateMachineTests {
    func reply(_ id: Int64, _ room: String) -> QueuedReply { QueuedReply(id: id, key: "k\(id)", room: room, text: "t\(id)") }
    func delivers(_ actions: [DeliveryStateMachine.Action]) -> [Int64] {
        actions.compactMap { if case .deliver(let r) = $0 { return r.id } else { return nil } }
    }

    @Test func roomsGoOutConcurrentlyUpToTheBoundEachRoomInOrder() {
        var m = DeliveryStateMachine(maxInFlight: 2, seed: 1)
        let first = m.enqueue([reply(1, "a"), reply(2, "a"), reply(3, "b"), reply(4, "c")], now: 0)
        #expect(delivers(first) == [1, 3], "one per room, oldest first, two at once")
        #expect(delivers(m.delivered(reply(1, "a"), now: 0)) == [2], "a's next, before c: oldest head first")
        #expect(delivers(m.delivered(reply(3, "b"), now: 0)) == [4])
        #expect(m.delivered(reply(2, "a"), now: 0) == [.markDelivered(reply(2, "a"))])
        #expect(m.inFlightCount == 1)
    }

    @Test func aFailingRoomBacksOffAloneAndIsWokenLater() {
        var m = DeliveryStateMachine(maxInFlight: 4, backoff: Backoff(initial: .seconds(2), jitter: 0), seed: 1)
        _ = m.enqueue([reply(1, "a"), reply(2, "a"), reply(3, "b")], now: 0)
        let failed = m.failed(reply(1, "a"), .transient(after: nil), now: 10)
        #expect(failed.contains(.wake(at: 12)))
        #expect(delivers(failed).isEmpty, "room a waits; its second reply does not overtake the first")
        #expect(delivers(m.delivered(reply(3, "b"), now: 11)).isEmpty)
        #expect(delivers(m.tick(now: 11.9)).isEmpty)
        #expect(delivers(m.tick(now: 12)) == [1], "the same reply again, with its key")
    }

    @Test func aRefusedReplyIsAbandonedAndTheRoomGoesOn() {
        var m = DeliveryStateMachine(seed: 1)
        _ = m.enqueue([reply(1, "a"), reply(2, "a")], now: 0)
        let actions = m.failed(reply(1, "a"), .rejected("M_FORBIDDEN"), now: 0)
        #expect(actions.first == .markAbandoned(reply(1, "a"), reason: "M_FORBIDDEN"))
        #expect(delivers(actions) == [2])
    }

    @Test func fatalStopsEverything() {
        var m = DeliveryStateMachine(seed: 1)
        _ = m.enqueue([reply(1, "a"), reply(2, "b")], now: 0)
        let exit = PipelineExit(.credentialsRejected, "gone")
        #expect(m.failed(reply(1, "a"), .fatal(exit), now: 0) == [.stop(exit)])
        #expect(m.delivered(reply(2, "b"), now: 0) == [.markDelivered(reply(2, "b"))], "no new sends after a stop")
    }

    @Test func reloadingTheOutboxNeverQueuesARowTwice() {
        var m = DeliveryStateMachine(maxInFlight: 1, seed: 1)
        _ = m.enqueue([reply(1, "a"), reply(2, "a")], now: 0)
        #expect(delivers(m.enqueue([reply(1, "a"), reply(2, "a"), reply(3, "b")], now: 0)).isEmpty)
        #expect(m.pendingCount == 3)
        #expect(m.highWater == 3)
    }

    @Test func aServerGivenWaitHoldsTheRoomThatLong() {
        var m = DeliveryStateMachine(seed: 1)
        _ = m.enqueue([reply(1, "a")], now: 0)
        #expect(m.failed(reply(1, "a"), .transient(after: .milliseconds(1500)), now: 5).contains(.wake(at: 6.5)))
    }
}
