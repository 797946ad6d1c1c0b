import CoachCore

/// The receiving half of the exactly-once loop: connect → receive after the cursor → commit the
/// batch (handling, replies, ids and the next cursor in one transaction) → receive again. Failures
/// back off and resume the step that failed; a failed commit fetches the batch again from the
/// old cursor (nothing of it was stored).
///
/// A value that takes events and returns the one action to carry out next, with time as an input,
/// so every path (outages, 429s, a disk that refuses a write, shutdown) is tested without sockets
/// or sleeps. `PipelineService` is the only place its actions become I/O.
public struct ReceiveStateMachine: Sendable {
    public enum Action: Sendable, Equatable {
        case connect
        case receive(cursor: String?)
        case commit(NetworkBatch)
        /// Sleep until this instant (seconds since 1970), then call `wokeUp()`.
        case wait(until: Double)
        /// Stop: nil for a clean shutdown, else the reason an operator must fix.
        case stop(PipelineExit?)
    }

    enum Step: Sendable, Equatable { case connect, receive }

    enum State: Sendable, Equatable {
        case idle
        case connecting
        case receiving
        case committing(NetworkBatch)
        case waiting(then: Step)
        case stopped
    }

    public let backoff: Backoff
    private(set) var state: State = .idle
    /// The cursor of the last committed batch.
    public private(set) var cursor: String?
    /// Consecutive failures, for the back-off; reset by every success.
    public private(set) var failures = 0
    /// The last failure, for health and `coachbot status`.
    public private(set) var lastFailure: NetworkFailure?
    private var random: SplitMix64

    public init(cursor: String?, backoff: Backoff = Backoff(), seed: UInt64) {
        self.cursor = cursor
        self.backoff = backoff
        random = SplitMix64(seed: seed)
    }

    public mutating func start() -> Action {
        state = .connecting
        return .connect
    }

    public mutating func connected() -> Action {
        guard state == .connecting else { return unexpected() }
        succeeded()
        state = .receiving
        return .receive(cursor: cursor)
    }

    public mutating func received(_ batch: NetworkBatch) -> Action {
        guard state == .receiving else { return unexpected() }
        state = .committing(batch)
        return .commit(batch)
    }

    /// The batch and its cursor are stored: the cursor advances only now.
    public mutating func committed() -> Action {
        guard case .committing(let batch) = state else { return unexpected() }
        cursor = batch.nextCursor
        succeeded()
        state = .receiving
        return .receive(cursor: cursor)
    }

    /// `connect`, `receive` or `commit` failed at `now`.
    public mutating func failed(_ failure: NetworkFailure, now: Double) -> Action {
        lastFailure = failure
        let step: Step
        switch state {
        case .connecting: step = .connect
        case .receiving, .committing: step = .receive
        case .idle, .waiting, .stopped: return unexpected()
        }
        switch failure {
        case .cancelled:
            return shutdown()
        case .fatal(let exit):
            state = .stopped
            return .stop(exit)
        case .reconnect:
            return wait(then: .connect, seconds: backoff.delay(attempt: failures, using: &random), now: now)
        case .transient(let after):
            let delay = after.map { min(max($0.inSeconds, 0), 3600) } ?? backoff.delay(attempt: failures, using: &random)
            return wait(then: step, seconds: delay, now: now)
        case .rejected:
            // A refused receive cannot be skipped (the cursor is all we have): wait as for an outage.
            return wait(then: step, seconds: backoff.ceiling(attempt: failures), now: now)
        }
    }

    public mutating func wokeUp() -> Action {
        guard case .waiting(let step) = state else { return unexpected() }
        switch step {
        case .connect:
            state = .connecting
            return .connect
        case .receive:
            state = .receiving
            return .receive(cursor: cursor)
        }
    }

    public mutating func shutdown() -> Action {
        state = .stopped
        return .stop(nil)
    }

    private mutating func wait(then step: Step, seconds: Double, now: Double) -> Action {
        failures += 1
        state = .waiting(then: step)
        return .wait(until: now + seconds)
    }

    private mutating func succeeded() {
        failures = 0
        lastFailure = nil
    }

    /// An event that does not fit the state is a bug in the driver; stopping is the safe answer.
    private mutating func unexpected() -> Action {
        assertionFailure("receive state machine: event in state \(state)")
        state = .stopped
        return .stop(nil)
    }
}
