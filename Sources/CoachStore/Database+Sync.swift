import GRDB

/// Chat-network bookkeeping: the sync token, processed events (exactly-once handling) and the
/// outbox (replies survive a crash and are retried with the same transaction id).
extension Database {
    /// A sync value such as the Matrix `since` token.
    public func syncValue(_ key: String) throws -> String? {
        try String.fetchOne(cachedStatement(sql: "SELECT value FROM sync_state WHERE key = ?"), arguments: [key])
    }

    /// Stores a sync value; write it in the same transaction as the events it covers.
    public func setSyncValue(_ key: String, _ value: String) throws {
        try cachedStatement(sql: "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .execute(arguments: [key, value])
    }

    /// Marks an event handled; returns false when it already was (skip it).
    @discardableResult
    public func markProcessed(eventID: String, at: Double) throws -> Bool {
        try cachedStatement(sql: "INSERT OR IGNORE INTO processed_events (event_id, processed_at) VALUES (?, ?)")
            .execute(arguments: [eventID, at])
        return changesCount > 0
    }

    /// Whether an event was already handled.
    public func isProcessed(eventID: String) throws -> Bool {
        try Bool.fetchOne(cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = ?)"),
                          arguments: [eventID]) ?? false
    }

    /// Queues a message; enqueuing the same `txnID` twice keeps the first. Returns the row id.
    @discardableResult
    public func enqueueOutbox(txnID: String, roomID: String, body: String, html: String? = nil,
                              replyTo: String? = nil, at: Double) throws -> Int64 {
        try execute(sql: """
            INSERT OR IGNORE INTO outbox (txn_id, room_id, body, html, reply_to, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [txnID, roomID, body, html, replyTo, at])
        return try Int64.fetchOne(self, sql: "SELECT id FROM outbox WHERE txn_id = ?", arguments: [txnID]) ?? 0
    }

    /// Unsent messages, oldest first.
    public func pendingOutbox(limit: Int = 100) throws -> [OutboxMessage] {
        try Row.fetchAll(cachedStatement(sql: """
            SELECT id, txn_id, room_id, body, html, reply_to, created_at, sent_at, attempts, last_error
            FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?
            """), arguments: [limit]).map {
            OutboxMessage(id: $0[0], txnID: $0[1], roomID: $0[2], body: $0[3], html: $0[4], replyTo: $0[5],
                          createdAt: $0[6], sentAt: $0[7], attempts: $0[8], lastError: $0[9])
        }
    }

    /// Records a successful send.
    public func markOutboxSent(id: Int64, at: Double) throws {
        try execute(sql: "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                    arguments: [at, id])
    }

    /// Records a failed attempt; the message stays pending.
    public func markOutboxAttemptFailed(id: Int64, error: String) throws {
        try execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", arguments: [error, id])
    }
}

/// The outbox by transaction id, the key the Matrix transport uses.
extension Database {
    /// Records a successful send of `txnID`.
    public func markOutboxSent(txnID: String, at: Double) throws {
        try cachedStatement(sql: "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE txn_id = ?")
            .execute(arguments: [at, txnID])
    }

    /// Gives up on `txnID` for good (the homeserver refused it permanently): it leaves the queue
    /// and keeps the reason.
    public func markOutboxAbandoned(txnID: String, reason: String, at: Double) throws {
        try cachedStatement(sql: "UPDATE outbox SET sent_at = ?, last_error = ? WHERE txn_id = ?")
            .execute(arguments: [at, "gave up: " + reason, txnID])
    }

    /// Counts a failed attempt of `txnID`; it stays queued.
    public func recordOutboxAttempt(txnID: String) throws {
        try cachedStatement(sql: "UPDATE outbox SET attempts = attempts + 1 WHERE txn_id = ?").execute(arguments: [txnID])
    }

    /// Messages waiting to be sent.
    public func outboxDepth() throws -> Int {
        try Int.fetchOne(cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")) ?? 0
    }
}
