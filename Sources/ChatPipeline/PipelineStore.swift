import CoachCore
import CoachStore

/// What the bot does with a batch, inside the pipeline's transaction. `Bot` implements it; the
/// pipeline knows nothing of check-ins, only that handling happens in the same commit as the ids,
/// the replies and the cursor.
public protocol PipelineHandler: Sendable {
    /// The replies to one message (each with its room, and its network when not the message's).
    func handle(_ message: IncomingMessage, in db: StoreDatabase) throws -> [OutgoingMessage]
    /// Timed messages due in (from, to], once per team whichever network's commit reaches them;
    /// `from` is nil on the team's very first commit.
    func tick(from: Double?, to: Double, in db: StoreDatabase) throws -> [OutgoingMessage]
    /// A room's membership changed (or was learnt); its rows are already written.
    func membershipChanged(network: String, room: String, members: Set<String>, in db: StoreDatabase) throws
}

/// The pipeline's durable state: for the daemon, the coachbot SQLite database.
public protocol PipelineStore: Sendable {
    func cursor(network: String) throws -> String?
    /// Stores a batch in ONE transaction: memberships; each message not yet processed is handled,
    /// its replies queued with keys fixed now and its id recorded; timed messages; the cursor.
    /// A crash before it returns loses nothing; after it, nothing is done twice.
    func commit(_ batch: NetworkBatch, network: String, at time: Double) throws
    /// Queued replies of a network with an outbox row above `after`, oldest first.
    func pending(network: String, after: Int64, limit: Int) throws -> [QueuedReply]
    func markDelivered(_ reply: QueuedReply, at time: Double) throws
    func markAbandoned(_ reply: QueuedReply, reason: String, at time: Double) throws
    func recordAttempt(_ reply: QueuedReply, error: String) throws
    /// Health for `coachbot status`: the last good receive, and the last error (nil clears it).
    func recordHealth(network: String, receivedAt: Double?, error: String?) throws
}

/// Keys in `sync_state`, per network (`matrix.since`) or for the whole team.
public enum PipelineKey {
    public static func cursor(_ network: String) -> String { "\(network).since" }
    public static func lastReceive(_ network: String) -> String { "\(network).last_sync" }
    public static func lastError(_ network: String) -> String { "\(network).last_error" }
    /// Why alerts went to coaches privately instead of the coaches' room (empty: they did not).
    public static func coachesRoomStatus(_ network: String) -> String { "\(network).coaches_room" }
    /// The last instant timed messages were computed for: one clock for the team, not per network.
    public static let lastTick = "team.last_tick"
}

/// The idempotency key of the `index`-th reply to a message: `cb1-<FNV-1a 64>-<index>`, URL-safe
/// and stable, so a handler that ran twice for one message would still produce the same keys.
public enum IdempotencyKey {
    public static func make(source: String, index: Int) -> String {
        let hex = String(fnv1a(source), radix: 16)
        return "cb1-" + String(repeating: "0", count: 16 - hex.count) + hex + "-\(index)"
    }

    /// FNV-1a 64 of the text's UTF-8: stable across runs and platforms (networks derive ids with it too).
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
