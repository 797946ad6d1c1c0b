import ChatPipeline
import CoachCore
import Synchronization

/// The pipeline's state in memory, with the same one-step commit as the SQLite store: for tests
/// of a network or of the service without a database. `failCommits` makes the next commits throw
/// (a disk that refuses a write), before anything of the batch is kept.
public final class InMemoryPipelineStore: PipelineStore {
    public struct State: Sendable {
        public var cursors: [String: String] = [:]
        public var processed: Set<String> = []
        public var outbox: [QueuedReply] = []
        public var delivered: [String: Int] = [:]
        public var abandoned: [String: String] = [:]
        public var attempts = 0
        public var lastError: String?
        public var memberships: [String: Set<String>] = [:]
        public var failCommits = 0
        public var commits = 0
        var nextID: Int64 = 0
    }

    public let state: Mutex<State>
    let replies: @Sendable (IncomingMessage) -> [OutgoingMessage]

    /// `replies` answers each new message (the bot's part).
    public init(cursor: String? = nil, network: String = "matrix", replies: @escaping @Sendable (IncomingMessage) -> [OutgoingMessage]) {
        var initial = State()
        if let cursor { initial.cursors[network] = cursor }
        state = Mutex(initial)
        self.replies = replies
    }

    public func with<T>(_ body: (inout State) throws -> T) rethrows -> T { try state.withLock { try body(&$0) } }

    /// Queues a reply directly (tests of delivery).
    public func enqueue(room: String, text: String, key: String? = nil) {
        state.withLock { s in
            s.nextID += 1
            s.outbox.append(QueuedReply(id: s.nextID, key: key ?? "k\(s.nextID)", room: room, text: text))
        }
    }

    public func cursor(network: String) throws -> String? { state.withLock { $0.cursors[network] } }

    public func commit(_ batch: NetworkBatch, network: String, at time: Double) throws {
        try state.withLock { s in
            if s.failCommits > 0 {
                s.failCommits -= 1
                throw InjectedFailure.commit
            }
            var next = s
            for m in batch.memberships { next.memberships[m.room] = m.members }
            for message in batch.messages where !next.processed.contains(network + "/" + message.messageID) {
                next.processed.insert(network + "/" + message.messageID)
                for (i, reply) in replies(message).enumerated() {
                    next.nextID += 1
                    next.outbox.append(QueuedReply(id: next.nextID, key: IdempotencyKey.make(source: network + "\u{1F}" + message.messageID, index: i),
                                                   room: reply.room, text: reply.text, html: reply.html, replyTo: reply.replyTo))
                }
            }
            next.cursors[network] = batch.nextCursor
            next.commits += 1
            s = next
        }
    }

    public func pending(network: String, after: Int64, limit: Int) throws -> [QueuedReply] {
        state.withLock { Array($0.outbox.filter { $0.id > after }.prefix(limit)) }
    }

    public func markDelivered(_ reply: QueuedReply, at time: Double) throws {
        state.withLock { s in
            guard s.outbox.contains(where: { $0.id == reply.id }) else { return }  // recorded by the network already
            s.outbox.removeAll { $0.id == reply.id }
            s.delivered[reply.key, default: 0] += 1
        }
    }

    public func markAbandoned(_ reply: QueuedReply, reason: String, at time: Double) throws {
        state.withLock { s in
            s.outbox.removeAll { $0.id == reply.id }
            s.abandoned[reply.key] = reason
        }
    }

    public func recordAttempt(_ reply: QueuedReply, error: String) throws {
        state.withLock { $0.attempts += 1 }
    }

    public func recordHealth(network: String, receivedAt: Double?, error: String?) throws {
        state.withLock { $0.lastError = error }
    }
}

/// A failure a test injected.
public enum InjectedFailure: Error, Sendable, Equatable {
    case commit, receive, deliver, connect
}
