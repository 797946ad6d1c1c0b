import GRDB

/// Chat-network bookkeeping, keyed by network: cursors and health (`sync_state`), processed
/// message ids (exactly-once handling) and the outbox (replies survive a crash and are retried
/// with the same idempotency key).
extension Database {
    /// A sync value such as `matrix.since`.
    public func syncValue(_ key: String) throws -> String? {
        try String.fetchOne(cachedStatement(sql: "SELECT value FROM sync_state WHERE key = ?"), arguments: [key])
    }

    /// Stores a sync value; write it in the same transaction as the events it covers.
    public func setSyncValue(_ key: String, _ value: String) throws {
        try cachedStatement(sql: "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .execute(arguments: [key, value])
    }

    /// Marks a message of `network` handled; returns false when it already was (skip it).
    @discardableResult
    public func markProcessed(network: String = "matrix", eventID: String, at: Double) throws -> Bool {
        try cachedStatement(sql: "INSERT OR IGNORE INTO processed_events (network, event_id, processed_at) VALUES (?, ?, ?)")
            .execute(arguments: [network, eventID, at])
        return changesCount > 0
    }

    /// Whether a message was already handled.
    public func isProcessed(network: String = "matrix", eventID: String) throws -> Bool {
        try Bool.fetchOne(cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM processed_events WHERE network = ? AND event_id = ?)"),
                          arguments: [network, eventID]) ?? false
    }

    /// Queues a message for `network`; enqueuing the same `txnID` twice keeps the first. Returns the row id.
    @discardableResult
    public func enqueueOutbox(network: String = "matrix", txnID: String, roomID: String, body: String, html: String? = nil,
                              replyTo: String? = nil, at: Double) throws -> Int64 {
        try cachedStatement(sql: """
            INSERT OR IGNORE INTO outbox (network, txn_id, room_id, body, html, reply_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [network, txnID, roomID, body, html, replyTo, at])
        return try Int64.fetchOne(cachedStatement(sql: "SELECT id FROM outbox WHERE txn_id = ?"), arguments: [txnID]) ?? 0
    }

    /// Unsent messages of a network (all networks when nil), oldest first, from row `after` on.
    public func pendingOutbox(network: String? = nil, after: Int64 = 0, limit: Int = 100) throws -> [OutboxMessage] {
        try Row.fetchAll(cachedStatement(sql: """
            SELECT id, txn_id, room_id, body, html, reply_to, created_at, sent_at, attempts, last_error, network
            FROM outbox WHERE sent_at IS NULL AND (?1 IS NULL OR network = ?1) AND id > ?2 ORDER BY id LIMIT ?3
            """), arguments: [network, after, limit]).map {
            OutboxMessage(id: $0[0], txnID: $0[1], roomID: $0[2], body: $0[3], html: $0[4], replyTo: $0[5],
                          createdAt: $0[6], sentAt: $0[7], attempts: $0[8], lastError: $0[9], network: $0[10])
        }
    }

    /// Records a send. A network without idempotent sends records it as soon as the server
    /// accepts it, and the pipeline once more after: the attempt counts once.
    public func markOutboxSent(id: Int64, at: Double) throws {
        try cachedStatement(sql: """
            UPDATE outbox SET sent_at = ?, attempts = attempts + (sent_at IS NULL), last_error = NULL WHERE id = ?
            """).execute(arguments: [at, id])
    }

    /// Records a failed attempt; the message stays pending.
    public func markOutboxAttemptFailed(id: Int64, error: String) throws {
        try cachedStatement(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?").execute(arguments: [error, id])
    }

    /// Gives up on a message for good (the network refused it permanently): it leaves the queue
    /// and keeps the reason.
    public func markOutboxAbandoned(id: Int64, reason: String, at: Double) throws {
        try cachedStatement(sql: "UPDATE outbox SET sent_at = ?, last_error = ? WHERE id = ?")
            .execute(arguments: [at, "gave up: " + reason, id])
    }

    /// Messages waiting to be sent (of one network, or all).
    public func outboxDepth(network: String? = nil) throws -> Int {
        try Int.fetchOne(cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND (?1 IS NULL OR network = ?1)"),
                         arguments: [network]) ?? 0
    }
}

/// Room membership and strangers: what the privacy rules read, kept current by the pipeline.
extension Database {
    /// Replaces a room's known membership (joined and invited people, the bot excluded).
    public func setRoomMembers(network: String, roomID: String, members: Set<String>) throws {
        try cachedStatement(sql: "DELETE FROM room_members WHERE network = ? AND room_id = ?").execute(arguments: [network, roomID])
        let insert = try cachedStatement(sql: "INSERT INTO room_members (network, room_id, address) VALUES (?, ?, ?)")
        for member in members.sorted() { try insert.execute(arguments: [network, roomID, member]) }
    }

    /// A room's known members, or nil when the network never reported them (console, transcript).
    public func roomMembers(network: String, roomID: String) throws -> Set<String>? {
        let members = try String.fetchAll(cachedStatement(sql: "SELECT address FROM room_members WHERE network = ? AND room_id = ?"),
                                          arguments: [network, roomID])
        return members.isEmpty ? nil : Set(members)
    }

    /// Marks a room as no longer private; its row stays, so it is never taken for a direct room again.
    public func retireRoom(network: String, roomID: String) throws {
        try cachedStatement(sql: "UPDATE rooms SET kind = 'retired' WHERE network = ? AND room_id = ?").execute(arguments: [network, roomID])
    }

    /// Records that a stranger was answered now, if the last answer is at least `interval` old.
    /// Returns whether to answer.
    public func claimStrangerReply(network: String, address: String, at time: Double, interval: Double) throws -> Bool {
        try cachedStatement(sql: """
            INSERT INTO stranger_replies (network, address, answered_at) VALUES (?1, ?2, ?3)
            ON CONFLICT(network, address) DO UPDATE SET answered_at = excluded.answered_at
            WHERE excluded.answered_at >= stranger_replies.answered_at + ?4 OR excluded.answered_at < stranger_replies.answered_at
            """).execute(arguments: [network, address, time, interval])
        return changesCount > 0
    }
}
