import CoachCore

/// The sending half of the loop: queued replies go out concurrently across rooms (at most
/// `maxInFlight` at once) and in order within each room; a failed send backs that room off alone,
/// so one slow room never holds up the others, and the next receive never waits for any of them.
///
/// A value: events in, actions out, time as an input. `PipelineService` carries the actions out.
public struct DeliveryStateMachine: Sendable {
    public enum Action: Sendable, Equatable {
        case deliver(QueuedReply)
        /// The network accepted it: mark the outbox row sent.
        case markDelivered(QueuedReply)
        /// The network refused it for good: take it out of the queue, keeping the reason.
        case markAbandoned(QueuedReply, reason: String)
        /// Count a failed attempt (it stays queued).
        case recordAttempt(QueuedReply, error: String)
        /// Call `tick(now:)` at this instant: a room's back-off ends.
        case wake(at: Double)
        /// Stop the pipeline (the credentials are gone).
        case stop(PipelineExit)
    }

    public let maxInFlight: Int
    public let backoff: Backoff
    /// Waiting replies per room, oldest first.
    private var queues: [String: [QueuedReply]] = [:]
    /// Rooms with a send in flight (at most one per room keeps each room in order).
    private var inFlight: Set<String> = []
    /// Rooms backing off after a failure, until an instant; and their consecutive failures.
    private var blockedUntil: [String: Double] = [:]
    private var roomFailures: [String: Int] = [:]
    /// The highest outbox row handed in, so reloading the outbox never queues a row twice.
    public private(set) var highWater: Int64 = 0
    private var random: SplitMix64
    private var stopped = false

    public init(maxInFlight: Int = 8, backoff: Backoff = Backoff(), seed: UInt64) {
        self.maxInFlight = max(1, maxInFlight)
        self.backoff = backoff
        random = SplitMix64(seed: seed)
    }

    /// Replies still to deliver (queued or in flight), for health and tests.
    public var pendingCount: Int { queues.values.reduce(0) { $0 + $1.count } }
    public var inFlightCount: Int { inFlight.count }

    /// New outbox rows (oldest first); rows at or below the high-water mark are already here.
    public mutating func enqueue(_ replies: [QueuedReply], now: Double) -> [Action] {
        for reply in replies.sorted(by: { $0.id < $1.id }) where reply.id > highWater {
            queues[reply.room, default: []].append(reply)
            highWater = reply.id
        }
        return schedule(now: now)
    }

    public mutating func delivered(_ reply: QueuedReply, now: Double) -> [Action] {
        finish(reply)
        roomFailures[reply.room] = nil
        return [.markDelivered(reply)] + schedule(now: now)
    }

    public mutating func failed(_ reply: QueuedReply, _ failure: NetworkFailure, now: Double) -> [Action] {
        inFlight.remove(reply.room)
        switch failure {
        case .cancelled:
            return []
        case .fatal(let exit):
            stopped = true
            return [.stop(exit)]
        case .rejected(let reason):
            finish(reply)
            return [.markAbandoned(reply, reason: reason)] + schedule(now: now)
        case .transient(let after):
            let attempt = roomFailures[reply.room, default: 0]
            let delay = after.map { min(max($0.inSeconds, 0), 3600) } ?? backoff.delay(attempt: attempt, using: &random)
            return block(reply, seconds: delay, now: now, error: "\(failure)")
        case .reconnect:
            let attempt = roomFailures[reply.room, default: 0]
            return block(reply, seconds: backoff.delay(attempt: attempt, using: &random), now: now, error: "disconnected")
        }
    }

    /// Time passed: rooms whose back-off ended may send again.
    public mutating func tick(now: Double) -> [Action] {
        schedule(now: now)
    }

    private mutating func block(_ reply: QueuedReply, seconds: Double, now: Double, error: String) -> [Action] {
        roomFailures[reply.room, default: 0] += 1
        blockedUntil[reply.room] = now + seconds
        if let i = queues[reply.room]?.firstIndex(where: { $0.id == reply.id }) { queues[reply.room]?[i].attempts += 1 }
        return [.recordAttempt(reply, error: error)] + schedule(now: now)
    }

    private mutating func finish(_ reply: QueuedReply) {
        inFlight.remove(reply.room)
        queues[reply.room]?.removeAll { $0.id == reply.id }
        if queues[reply.room]?.isEmpty == true { queues[reply.room] = nil }
    }

    /// Starts sends for ready rooms, oldest head first, up to the bound; asks to be woken for the
    /// earliest back-off that still holds a room.
    private mutating func schedule(now: Double) -> [Action] {
        guard !stopped else { return [] }
        var actions: [Action] = []
        let ready = queues.compactMap { room, queue -> QueuedReply? in
            guard let head = queue.first, !inFlight.contains(room) else { return nil }
            if let until = blockedUntil[room], until > now { return nil }
            return head
        }.sorted { $0.id < $1.id }
        for head in ready where inFlight.count < maxInFlight {
            blockedUntil[head.room] = nil
            inFlight.insert(head.room)
            actions.append(.deliver(head))
        }
        let waiting = blockedUntil.filter { queues[$0.key] != nil && !inFlight.contains($0.key) && $0.value > now }
        if let next = waiting.values.min() { actions.append(.wake(at: next)) }
        return actions
    }
}
