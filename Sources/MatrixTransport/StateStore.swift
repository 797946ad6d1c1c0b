import CoachCore

/// The bot's login on the homeserver. Login is heavily rate-limited, so it is stored and reused.
public struct MatrixSession: Sendable, Equatable {
    public var userID: String
    public var accessToken: String
    public var deviceID: String?

    public init(userID: String, accessToken: String, deviceID: String?) {
        self.userID = userID
        self.accessToken = accessToken
        self.deviceID = deviceID
    }
}

/// Where the daemon's durable state lives. The SQLite implementation comes with the conversation
/// engine; `InMemoryMatrixStateStore` serves tests.
///
/// The `since` token and the outbox are written by the batch handler in its one transaction; the
/// daemon only reads them, marks entries sent or failed, and records its health.
public protocol MatrixStateStore: Sendable {
    func loadSession() async throws -> MatrixSession?
    func saveSession(_ session: MatrixSession) async throws
    /// The token stored with the last handled batch; nil before the very first sync.
    func loadSince() async throws -> String?
    /// Unsent replies, oldest first.
    func pendingOutbox(limit: Int) async throws -> [OutboxEntry]
    /// The homeserver accepted the entry (possibly again: the event id is then the same).
    func markSent(txnID: String, eventID: String) async throws
    /// The homeserver refused the entry for good (e.g. the bot left the room); it is not retried.
    func markFailed(txnID: String, reason: String) async throws
    /// Counts a failed attempt, for status.
    func recordAttempt(txnID: String) async throws
    /// The last error (nil clears it) and the time of the last successful sync, for `status`.
    func recordError(_ message: String?) async throws
    func recordSync(at time: Double) async throws
    /// The direct room the bot has with a user, if any (for messages addressed to a user id).
    func directRoom(with userID: String) async throws -> String?
    /// Remembers a direct room the bot opened.
    func saveDirectRoom(_ roomID: String, with userID: String) async throws
}

/// Receives each sync batch. The real handler runs the bot core and, in ONE transaction, stores
/// the replies in the outbox, marks the event ids processed and stores `nextSince`; so a crash
/// anywhere either loses nothing or has stored everything. It is also called with an empty batch,
/// so that the token always moves through the same path.
public protocol MatrixBatchHandler: Sendable {
    func handle(batch: [IncomingMessage], nextSince: String) async throws
}

/// Everything in memory: for tests and for trying the transport without a database.
public actor InMemoryMatrixStateStore: MatrixStateStore {
    public private(set) var session: MatrixSession?
    public private(set) var since: String?
    public private(set) var outbox: [OutboxEntry] = []
    public private(set) var sent: [String: String] = [:]
    public private(set) var failed: [String: String] = [:]
    public private(set) var processed: Set<String> = []
    public private(set) var lastError: String?
    public private(set) var lastSync: Double?
    /// Failed send attempts over the store's life (entries leave the outbox once sent).
    public private(set) var failedAttempts = 0
    public private(set) var directRooms: [String: String] = [:]

    public init(session: MatrixSession? = nil, since: String? = nil) {
        self.session = session
        self.since = since
    }

    public func loadSession() -> MatrixSession? { session }
    public func saveSession(_ session: MatrixSession) { self.session = session }
    public func loadSince() -> String? { since }

    public func pendingOutbox(limit: Int) -> [OutboxEntry] {
        Array(outbox.prefix(max(limit, 0)))
    }

    public func markSent(txnID: String, eventID: String) {
        outbox.removeAll { $0.txnID == txnID }
        sent[txnID] = eventID
    }

    public func markFailed(txnID: String, reason: String) {
        outbox.removeAll { $0.txnID == txnID }
        failed[txnID] = reason
    }

    public func recordAttempt(txnID: String) {
        failedAttempts += 1
        if let i = outbox.firstIndex(where: { $0.txnID == txnID }) { outbox[i].attempts += 1 }
    }

    public func recordError(_ message: String?) { lastError = message }
    public func recordSync(at time: Double) { lastSync = time }
    public func directRoom(with userID: String) -> String? { directRooms[userID] }
    public func saveDirectRoom(_ roomID: String, with userID: String) { directRooms[userID] = roomID }

    /// What a real handler does in its transaction: skip processed events, queue the replies,
    /// store the token. Returns the messages that were new.
    @discardableResult
    public func commit(batch: [IncomingMessage], replies: @Sendable (IncomingMessage) -> [OutgoingMessage], nextSince: String)
        -> [IncomingMessage]
    {
        var fresh: [IncomingMessage] = []
        for message in batch where !processed.contains(message.messageID) {
            processed.insert(message.messageID)
            fresh.append(message)
            for (i, reply) in replies(message).enumerated() {
                let entry = OutboxEntry(replyTo: message.messageID, index: i, message: reply)
                if !outbox.contains(where: { $0.txnID == entry.txnID }) && sent[entry.txnID] == nil {
                    outbox.append(entry)
                }
            }
        }
        since = nextSince
        return fresh
    }

    /// Queues an entry directly (tests of the sender).
    public func enqueue(_ entry: OutboxEntry) { outbox.append(entry) }
}
