import CoachCore

/// A chat network as the pipeline sees it: a place messages come from, after a cursor, and where
/// queued replies go, one at a time. Matrix and IRC implement it; the console and transcript
/// replay use `LocalNetwork`. Everything exactly-once (processed ids, the outbox, idempotency
/// keys, the cursor) is the pipeline's, so a network only carries messages in and out.
public protocol ChatNetwork: Sendable {
    /// The network's name in the database ("matrix", "irc", "console"…).
    var name: String { get }
    /// Logs in and joins what must be joined. Called again after a `.reconnect` failure.
    func connect() async throws
    /// The next batch after `cursor` (nil on the very first start). May wait (long-poll) for one.
    func receive(after cursor: String?) async throws -> NetworkBatch
    /// Sends one queued reply. Sending the same `reply.key` twice must not show it twice (Matrix
    /// transaction ids); a network that cannot promise that implements `deliver(_:recordSent:)`.
    func deliver(_ reply: QueuedReply) async throws
    /// Sends one queued reply on a network whose server cannot drop a repeated send (IRC has no
    /// transaction ids): `recordSent` records it as sent in the database, and the network calls
    /// it the moment it learns the server accepted the reply, before anything else runs, so the
    /// window in which a crash makes the pipeline send it again is as short as it can be.
    /// Networks with idempotent sends need not implement it.
    func deliver(_ reply: QueuedReply, recordSent: @escaping @Sendable () throws -> Void) async throws
    /// What a failure of `connect`, `receive` or `deliver` means for the pipeline.
    func classify(_ error: any Error) -> NetworkFailure
}

extension ChatNetwork {
    /// A network whose sends are idempotent records them after they succeed, as the pipeline does.
    public func deliver(_ reply: QueuedReply, recordSent: @escaping @Sendable () throws -> Void) async throws {
        try await deliver(reply)
    }
}

/// One batch from a network: messages in order, room memberships that changed (or were learnt),
/// and the cursor to store with them.
public struct NetworkBatch: Sendable, Equatable {
    public var messages: [IncomingMessage]
    public var memberships: [RoomMembers]
    public var nextCursor: String

    public init(messages: [IncomingMessage], memberships: [RoomMembers] = [], nextCursor: String) {
        self.messages = messages
        self.memberships = memberships
        self.nextCursor = nextCursor
    }
}

/// Everyone in a room who can read it (joined or invited), the bot excluded: what the privacy
/// rules decide on.
public struct RoomMembers: Sendable, Equatable {
    public var room: String
    public var members: Set<String>

    public init(room: String, members: Set<String>) {
        self.room = room
        self.members = members
    }
}

/// A reply waiting in the outbox. `key` was fixed in the transaction that queued it, so every
/// retry, also after a crash, carries the same key and the network keeps one copy.
public struct QueuedReply: Sendable, Hashable {
    /// The outbox row.
    public var id: Int64
    /// The idempotency key (Matrix transaction id).
    public var key: String
    /// A room id, or a person's address when the network must open a private conversation first.
    public var room: String
    public var text: String
    public var html: String?
    public var replyTo: String?
    public var attempts: Int

    public init(id: Int64, key: String, room: String, text: String, html: String? = nil, replyTo: String? = nil, attempts: Int = 0) {
        self.id = id
        self.key = key
        self.room = room
        self.text = text
        self.html = html
        self.replyTo = replyTo
        self.attempts = attempts
    }
}

/// How the pipeline treats a failure.
public enum NetworkFailure: Sendable, Equatable {
    /// Try the same step again later (`after` when the server said how long, e.g. HTTP 429).
    case transient(after: Duration?)
    /// The connection is gone: connect again (after a back-off), then go on.
    case reconnect
    /// This request can never succeed (the room is gone): give up on it, go on with the rest.
    case rejected(String)
    /// Only an operator can fix this: stop with an exit code.
    case fatal(PipelineExit)
    /// The pipeline is shutting down.
    case cancelled
}

/// Why the pipeline stopped, with the process exit code chat-networks.md fixes for every network.
public struct PipelineExit: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 75: the credentials were rejected (Matrix token, IRC SASL).
        case credentialsRejected
        /// 77: login or registration is impossible from the config.
        case loginImpossible
        /// 78: the configuration is wrong (a room that cannot be joined, a missing section).
        case configuration
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitCode: Int32 {
        switch kind {
        case .credentialsRejected: 75
        case .loginImpossible: 77
        case .configuration: 78
        }
    }

    public var description: String {
        switch kind {
        case .credentialsRejected: "credentials rejected: \(message)"
        case .loginImpossible: "login failed: \(message)"
        case .configuration: "configuration error: \(message)"
        }
    }
}
