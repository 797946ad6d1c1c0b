import ChatPipeline
import CoachCore
import Testing

@Suite struct ReceiveStateMachineTests {
    let batch = NetworkBatch(messages: [IncomingMessage(network: "n", room: "r", sender: "a", text: "hi", messageID: "m1", time: 0)], nextCursor: "c2")

    @Test func connectReceiveCommitReceiveFromTheNewCursor() {
        var m = ReceiveStateMachine(cursor: "c1", seed: 1)
        #expect(m.start() == .connect)
        #expect(m.connected() == .receive(cursor: "c1"))
        #expect(m.received(batch) == .commit(batch))
        #expect(m.cursor == "c1", "the cursor moves only once the batch is stored")
        #expect(m.committed() == .receive(cursor: "c2"))
        #expect(m.cursor == "c2")
    }

    @Test func aFailedCommitFetchesTheBatchAgainFromTheOldCursor() {
        var m = ReceiveStateMachine(cursor: "c1", seed: 1)
        _ = m.start(); _ = m.connected(); _ = m.received(batch)
        guard case .wait(let until) = m.failed(.transient(after: nil), now: 100) else { Issue.record("no back-off"); return }
        #expect(until > 100 && until <= 100.5)
        #expect(m.wokeUp() == .receive(cursor: "c1"))
    }

    @Test func backOffGrowsWithConsecutiveFailuresAndResetsOnSuccess() {
        var m = ReceiveStateMachine(cursor: nil, backoff: Backoff(initial: .seconds(1), maximum: .seconds(8), jitter: 0), seed: 1)
        _ = m.start()
        var waits: [Double] = []
        for _ in 0..<5 {
            if case .wait(let until) = m.failed(.transient(after: nil), now: 0) { waits.append(until) }
            #expect(m.wokeUp() == .connect)
        }
        #expect(waits == [1, 2, 4, 8, 8])
        #expect(m.connected() == .receive(cursor: nil))
        #expect(m.failures == 0)
    }

    @Test func aServerGivenWaitIsHonoured() {
        var m = ReceiveStateMachine(cursor: "c", seed: 1)
        _ = m.start(); _ = m.connected()
        #expect(m.failed(.transient(after: .seconds(7)), now: 50) == .wait(until: 57))
    }

    @Test func aLostConnectionReconnectsThenReceivesFromTheSameCursor() {
        var m = ReceiveStateMachine(cursor: "c", backoff: Backoff(jitter: 0), seed: 1)
        _ = m.start(); _ = m.connected()
        #expect(m.failed(.reconnect, now: 0) == .wait(until: 0.5))
        #expect(m.wokeUp() == .connect)
        #expect(m.connected() == .receive(cursor: "c"))
    }

    @Test func fatalFailuresStopWithTheirExitCode() {
        var m = ReceiveStateMachine(cursor: "c", seed: 1)
        _ = m.start()
        let exit = PipelineExit(.credentialsRejected, "token revoked")
        #expect(m.failed(.fatal(exit), now: 0) == .stop(exit))
        #expect(exit.exitCode == 75)
        #expect(PipelineExit(.loginImpossible, "").exitCode == 77)
        #expect(PipelineExit(.configuration, "").exitCode == 78)
    }

    @Test func jitterIsDeterministicForASeed() {
        func waits(seed: UInt64) -> [Double] {
            var m = ReceiveStateMachine(cursor: nil, seed: seed)
            _ = m.start()
            return (0..<4).compactMap { _ in
                defer { _ = m.wokeUp() }
                if case .wait(let until) = m.failed(.transient(after: nil), now: 0) { return until }
                return nil
            }
        }
        #expect(waits(seed: 7) == waits(seed: 7))
        #expect(waits(seed: 7) != waits(seed: 8))
        #expect(waits(seed: 7).enumerated().allSatisfy { i, w in w >= 0.25 * Double(1 << i) && w <= 0.5 * Double(1 << i) })
    }
}
