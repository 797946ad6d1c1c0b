import CoachCore
import CoachStore

/// The pipeline's state in the coachbot database (outbox, processed ids, cursors and health, all
/// keyed by network), with the bot's handling inside the same transaction as the batch.
public struct SQLitePipelineStore: PipelineStore {
    public let store: CoachStore
    public let handler: any PipelineHandler

    public init(store: CoachStore, handler: any PipelineHandler) {
        self.store = store
        self.handler = handler
    }

    public func cursor(network: String) throws -> String? {
        try store.read { db in try db.syncValue(PipelineKey.cursor(network)) }
    }

    public func commit(_ batch: NetworkBatch, network: String, at time: Double) throws {
        try store.write { db in
            for change in batch.memberships {
                try db.setRoomMembers(network: network, roomID: change.room, members: change.members)
                try handler.membershipChanged(network: network, room: change.room, members: change.members, in: db)
            }
            // Timed messages first: what fell due before this commit comes before its messages
            // (a late start's missed-check-in alert counts who had not checked in by the deadline).
            let last = try db.syncValue(PipelineKey.lastTick).flatMap(Double.init)
            if time > last ?? -.infinity {
                for (i, message) in try handler.tick(from: last, to: time, in: db).enumerated() {
                    try queue(message, key: IdempotencyKey.make(source: "tick\u{1F}\(time)", index: i), network: network, db: db, at: time)
                }
            }
            try db.setSyncValue(PipelineKey.lastTick, String(max(time, last ?? time)))
            for message in batch.messages {
                guard try db.markProcessed(network: network, eventID: message.messageID, at: time) else { continue }
                let source = network + "\u{1F}" + message.messageID
                for (i, reply) in try handler.handle(message, in: db).enumerated() {
                    try queue(reply, key: IdempotencyKey.make(source: source, index: i), network: network, db: db, at: time)
                }
            }
            try db.setSyncValue(PipelineKey.cursor(network), batch.nextCursor)
        }
    }

    private func queue(_ reply: OutgoingMessage, key: String, network: String, db: StoreDatabase, at time: Double) throws {
        try db.enqueueOutbox(network: reply.network ?? network, txnID: key, roomID: reply.room, body: reply.text,
                             html: reply.html, replyTo: reply.replyTo, at: time)
    }

    public func pending(network: String, after: Int64, limit: Int) throws -> [QueuedReply] {
        try store.read { db in
            try db.pendingOutbox(network: network, after: after, limit: limit).map {
                QueuedReply(id: $0.id, key: $0.txnID, room: $0.roomID, text: $0.body, html: $0.html, replyTo: $0.replyTo, attempts: $0.attempts)
            }
        }
    }

    public func markDelivered(_ reply: QueuedReply, at time: Double) throws {
        try store.write { db in try db.markOutboxSent(id: reply.id, at: time) }
    }

    public func markAbandoned(_ reply: QueuedReply, reason: String, at time: Double) throws {
        try store.write { db in try db.markOutboxAbandoned(id: reply.id, reason: reason, at: time) }
    }

    public func recordAttempt(_ reply: QueuedReply, error: String) throws {
        try store.write { db in try db.markOutboxAttemptFailed(id: reply.id, error: error) }
    }

    public func recordHealth(network: String, receivedAt: Double?, error: String?) throws {
        try store.write { db in
            if let receivedAt { try db.setSyncValue(PipelineKey.lastReceive(network), String(receivedAt)) }
            try db.setSyncValue(PipelineKey.lastError(network), error ?? "")
        }
    }
}
