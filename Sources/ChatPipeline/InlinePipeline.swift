import CoachCore

/// The pipeline for networks that live in this process (the console, transcript replay): the same
/// commit (one transaction: processed ids, handling, outbox rows with idempotency keys, timed
/// messages, cursor) and the same delivery state machine as the daemon, run to completion at once.
/// "Delivering" hands the message back to the caller, so every transcript exercises the
/// production commit path.
public struct InlinePipeline: Sendable {
    public let store: any PipelineStore
    public let network: String

    public init(store: any PipelineStore, network: String) {
        self.store = store
        self.network = network
    }

    /// Commits `messages` (none: only time passes, and timed messages fall due) at `time`, then
    /// delivers everything queued; returns what was delivered, in outbox order.
    @discardableResult
    public func submit(_ messages: [IncomingMessage], memberships: [RoomMembers] = [], at time: Double) throws -> [OutgoingMessage] {
        try store.commit(NetworkBatch(messages: messages, memberships: memberships, nextCursor: String(time)), network: network, at: time)
        return try drain(at: time)
    }

    /// Delivers every queued reply of the network.
    public func drain(at time: Double) throws -> [OutgoingMessage] {
        var machine = DeliveryStateMachine(maxInFlight: 1, seed: 1)
        var delivered: [OutgoingMessage] = []
        var actions = machine.enqueue(try store.pending(network: network, after: 0, limit: Int.max), now: time)
        while !actions.isEmpty {
            switch actions.removeFirst() {
            case .deliver(let reply):
                delivered.append(OutgoingMessage(room: reply.room, text: reply.text, html: reply.html, replyTo: reply.replyTo))
                actions += machine.delivered(reply, now: time)
            case .markDelivered(let reply):
                try store.markDelivered(reply, at: time)
            case .markAbandoned, .recordAttempt, .wake, .stop:
                break  // an in-process delivery cannot fail
            }
        }
        return delivered
    }
}
