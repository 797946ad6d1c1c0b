import ChatPipeline
import CoachCore
import Synchronization

/// A network whose batches and failures a test scripts: `receive` returns the scripted batches in
/// order (then waits, like a long-poll, until cancelled); deliveries are recorded, with optional
/// failures per call and an optional delay, to observe concurrency.
public final class ScriptedNetwork: ChatNetwork {
    public struct State: Sendable {
        public var batches: [Result<NetworkBatch, InjectedFailure>] = []
        public var deliveryFailures: [String: [NetworkFailure]] = [:]
        public var connectFailures: [NetworkFailure] = []
        public var cursorsAsked: [String?] = []
        public var delivered: [QueuedReply] = []
        public var deliveryAttempts: [String] = []
        public var connects = 0
        public var inFlight = 0
        public var maxInFlight = 0
        /// While closed, deliveries wait (in flight) until a test opens it.
        public var gateOpen = true
    }

    public let name: String
    public let state = Mutex(State())
    let deliveryDelay: Duration

    public init(name: String = "scripted", deliveryDelay: Duration = .zero) {
        self.name = name
        self.deliveryDelay = deliveryDelay
    }

    public func with<T>(_ body: (inout State) throws -> T) rethrows -> T { try state.withLock { try body(&$0) } }

    public func connect() async throws {
        let failure = state.withLock { s -> NetworkFailure? in
            s.connects += 1
            return s.connectFailures.isEmpty ? nil : s.connectFailures.removeFirst()
        }
        if let failure { throw ScriptedError(failure: failure) }
    }

    public func receive(after cursor: String?) async throws -> NetworkBatch {
        let next = state.withLock { s -> Result<NetworkBatch, InjectedFailure>? in
            s.cursorsAsked.append(cursor)
            return s.batches.isEmpty ? nil : s.batches.removeFirst()
        }
        if let next {
            switch next {
            case .success(let batch): return batch
            case .failure: throw ScriptedError(failure: .transient(after: nil))
            }
        }
        try await Task.sleep(for: .seconds(3600))
        throw CancellationError()
    }

    public func deliver(_ reply: QueuedReply) async throws {
        let failure = state.withLock { s -> NetworkFailure? in
            s.deliveryAttempts.append(reply.key)
            if var list = s.deliveryFailures[reply.room], !list.isEmpty {
                let first = list.removeFirst()
                s.deliveryFailures[reply.room] = list
                return first
            }
            s.inFlight += 1
            s.maxInFlight = max(s.maxInFlight, s.inFlight)
            return nil
        }
        if let failure { throw ScriptedError(failure: failure) }
        if deliveryDelay > .zero { try? await Task.sleep(for: deliveryDelay) }
        while !state.withLock({ $0.gateOpen }) { try await Task.sleep(for: .milliseconds(2)) }
        state.withLock { s in
            s.inFlight -= 1
            s.delivered.append(reply)
        }
    }

    public func classify(_ error: any Error) -> NetworkFailure {
        if let scripted = error as? ScriptedError { return scripted.failure }
        return error is CancellationError ? .cancelled : .transient(after: nil)
    }
}

/// An error that classifies as the failure a test scripted.
public struct ScriptedError: Error, Sendable {
    public var failure: NetworkFailure
    public init(failure: NetworkFailure) { self.failure = failure }
}

/// A clock whose sleeps last a thousandth of what they ask: the service runs its back-offs on
/// (nearly) virtual time, so an outage test takes milliseconds.
public struct FastClock: PipelineClock {
    let start = ContinuousClock.now
    let origin: Double
    public init(origin: Double = 1_800_000_000) { self.origin = origin }
    /// Virtual seconds: real elapsed time × 1000.
    public func now() -> Double {
        let elapsed = ContinuousClock.now - start
        return origin + elapsed.inSeconds * 1000
    }
    public func sleep(until instant: Double) async throws {
        let seconds = (instant - now()) / 1000
        if seconds > 0 { try await Task.sleep(for: .microseconds(Int64(seconds * 1_000_000))) }
    }
}

/// Polls `condition` until it holds or `timeout` passes.
public func eventually(_ timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
