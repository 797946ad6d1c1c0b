import ChatPipeline
import CoachCore
import Logging

/// Matrix as a `ChatNetwork`: the session, the sync filter, joins (configured rooms and invites
/// from the roster), back-fill of gaps, room membership for the privacy rules, and the send call.
/// What is exactly-once (processed ids, outbox, transaction ids fixed at commit, the `since`
/// cursor) is the pipeline's.
public actor MatrixNetwork: ChatNetwork {
    public struct Configuration: Sendable {
        /// The bot's user (`@coachbot:example.org`) and password, used when no session is stored.
        public var user: String
        public var password: String?
        public var deviceID: String?
        /// People whose invites are accepted.
        public var allowedInviters: Set<String>
        public var syncTimeout: Duration
        public var retry: RetryPolicy
        public var maxBackfillPages: Int
        /// Events per room in one sync; more make the timeline `limited` and are back-filled.
        public var timelineLimit: Int
        /// Rooms (ids or aliases, e.g. the coaches' room) joined at start; a refused join stops
        /// the bot with a configuration error (exit 78).
        public var rooms: [String]
        /// Told each room of `rooms` once it is joined, with the room id an alias resolved to.
        public var roomJoined: (@Sendable (_ requested: String, _ roomID: String) throws -> Void)?

        public init(
            user: String, password: String?, deviceID: String? = nil, allowedInviters: Set<String>,
            syncTimeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy(), maxBackfillPages: Int = 20,
            timelineLimit: Int = 50, rooms: [String] = [],
            roomJoined: (@Sendable (_ requested: String, _ roomID: String) throws -> Void)? = nil
        ) {
            self.user = user
            self.password = password
            self.deviceID = deviceID
            self.allowedInviters = allowedInviters
            self.syncTimeout = syncTimeout
            self.retry = retry
            self.maxBackfillPages = maxBackfillPages
            self.timelineLimit = timelineLimit
            self.rooms = rooms
            self.roomJoined = roomJoined
        }
    }

    public nonisolated let name = "matrix"
    private let client: any MatrixAPI
    private let sessions: any MatrixSessionStore
    private let configuration: Configuration
    private let logger: Logger
    private var filterID: String?
    private var machine: SyncStateMachine?
    /// Each room's readers as last seen (user → membership), the bot excluded; nil: not known yet.
    private var members: [String: [String: String]] = [:]
    /// Rooms whose membership must be reported with the next batch.
    private var changed: Set<String> = []

    public init(client: any MatrixAPI, sessions: any MatrixSessionStore, configuration: Configuration,
                logger: Logger = Logger(label: "coachbot.matrix")) {
        self.client = client
        self.sessions = sessions
        self.configuration = configuration
        self.logger = logger
    }

    // MARK: ChatNetwork

    public func connect() async throws {
        let userID = try await establishSession()
        filterID = try await client.createFilter(userID: userID, filter: .coachbot(timelineLimit: configuration.timelineLimit))
        for room in configuration.rooms {
            let roomID: String
            do {
                roomID = try await client.join(room)
            } catch {
                if case .giveUp(let reason) = configuration.retry.decide(error, attempt: 0) {
                    throw PipelineExit(.configuration, "the bot cannot join \(room) (\(reason)); invite it to that room, or fix [matrix] coaches_room")
                }
                throw error
            }
            logger.info("matrix room joined", metadata: ["room": "\(roomID)"])
            try configuration.roomJoined?(room, roomID)
            try await learnMembers(of: roomID)
        }
        machine = SyncStateMachine(configuration: .init(botUserID: userID, allowedInviters: configuration.allowedInviters,
                                                        maxBackfillPages: configuration.maxBackfillPages), since: nil)
    }

    public func receive(after cursor: String?) async throws -> NetworkBatch {
        guard var machine else { throw MatrixError.notLoggedIn }
        machine.resume(from: cursor)
        let sync = try await client.sync(since: cursor, filterID: filterID, timeout: cursor == nil ? .zero : configuration.syncTimeout)
        let plan = machine.plan(for: sync)
        for roomID in plan.joins { try await join(roomID, machine: &machine) }
        var batch: [IncomingMessage] = []
        for request in plan.backfills { batch += try await backfill(request, machine: machine) }
        batch += plan.messages
        self.machine = machine
        try await trackMembers(sync, messages: batch)
        let memberships = changed.sorted().map { room in
            RoomMembers(room: room, members: Set((members[room] ?? [:]).filter { $0.value == "join" || $0.value == "invite" }.keys))
        }
        changed = []
        return NetworkBatch(messages: batch, memberships: memberships, nextCursor: plan.nextSince)
    }

    public func deliver(_ reply: QueuedReply) async throws {
        let room = try await roomID(for: reply.room)
        let content = RoomMessageContent(notice: reply.text, html: reply.html ?? NoticeHTML.render(reply.text), replyTo: reply.replyTo)
        _ = try await client.send(roomID: room, txnID: reply.key, content: content)
    }

    public nonisolated func classify(_ error: any Error) -> NetworkFailure {
        if let exit = error as? PipelineExit { return .fatal(exit) }
        guard let error = error as? MatrixError else { return error is CancellationError ? .cancelled : .transient(after: nil) }
        if error.isCancellation { return .cancelled }
        switch configuration.retry.decide(error, attempt: 0) {
        case .retry(let after):
            // A server-given wait (429) is kept; otherwise the pipeline's own back-off applies.
            if case .server(_, _, _, let retryAfter?) = error { return .transient(after: min(retryAfter, after)) }
            return .transient(after: nil)
        case .giveUp(let reason): return .rejected(reason)
        case .fatal(let reason): return .fatal(PipelineExit(.credentialsRejected, reason))
        }
    }

    // MARK: Session

    /// Reuses the stored session; logs in with the password when there is none or it was revoked.
    private func establishSession() async throws -> String {
        if let session = try sessions.loadSession() {
            client.setAccessToken(session.accessToken)
            do {
                return try await client.whoami().userID
            } catch {
                guard case .fatal(let reason) = configuration.retry.decide(error, attempt: 0) else { throw error }
                guard configuration.password != nil else { throw PipelineExit(.credentialsRejected, reason) }
                logger.notice("stored access token rejected; logging in again")
            }
        }
        guard let password = configuration.password else {
            throw PipelineExit(.loginImpossible, "no stored session and no password configured")
        }
        let login: LoginResponse
        do {
            login = try await client.login(user: Self.localpart(configuration.user), password: password, deviceID: configuration.deviceID)
        } catch {
            switch configuration.retry.decide(error, attempt: 0) {
            case .retry: throw error
            case .giveUp(let reason), .fatal(let reason): throw PipelineExit(.loginImpossible, reason)
            }
        }
        try sessions.saveSession(MatrixSession(userID: login.userID, accessToken: login.accessToken, deviceID: login.deviceID))
        return login.userID
    }

    static func localpart(_ user: String) -> String {
        guard user.hasPrefix("@"), let colon = user.firstIndex(of: ":") else { return user }
        return String(user[user.index(after: user.startIndex)..<colon])
    }

    // MARK: Rooms

    /// A message addressed to a user id (`@alice:server`) goes to the bot's direct room with that
    /// person, opened (and remembered) the first time it is needed.
    private func roomID(for target: String) async throws -> String {
        guard target.hasPrefix("@") else { return target }
        if let known = try sessions.directRoom(with: target) { return known }
        let room = try await client.createDirectRoom(with: target)
        try sessions.saveDirectRoom(room, with: target)
        members[room] = [target: "invite"]
        changed.insert(room)
        logger.info("matrix direct room opened", metadata: ["room": "\(room)"])
        return room
    }

    private func join(_ roomID: String, machine: inout SyncStateMachine) async throws {
        do {
            _ = try await client.join(roomID)
            machine.joined(roomID)
            logger.info("matrix room joined", metadata: ["room": "\(roomID)"])
        } catch {
            switch configuration.retry.decide(error, attempt: 0) {
            case .giveUp:
                logger.warning("matrix invite dropped", metadata: ["room": "\(roomID)"])
                machine.dropInvite(roomID)
            case .fatal(let reason):
                throw PipelineExit(.credentialsRejected, reason)
            case .retry:
                throw error  // the pipeline backs off; the invite stays pending
            }
        }
    }

    /// Fetches a gap page by page; messages come back in chronological order.
    private func backfill(_ first: SyncStateMachine.BackfillRequest, machine: SyncStateMachine) async throws -> [IncomingMessage] {
        var pages: [[IncomingMessage]] = []
        var request: SyncStateMachine.BackfillRequest? = first
        var index = 0
        while let current = request {
            let page = try await client.messages(
                roomID: current.roomID, from: current.from, to: current.to, direction: .backward, limit: 100)
            let result = machine.backfillPage(current, page: page, pageIndex: index)
            pages.append(result.messages)
            request = result.next
            index += 1
        }
        // Membership changes in the gap are not in the sync: learn the room's members afresh.
        try await learnMembers(of: first.roomID)
        logger.info("matrix gap back-filled", metadata: ["room": "\(first.roomID)", "pages": "\(index)"])
        return pages.reversed().flatMap { $0 }
    }

    // MARK: Membership

    /// Applies the membership events of a sync; rooms with a message whose members are not known
    /// yet (first message since start) are asked once.
    private func trackMembers(_ sync: SyncResponse, messages: [IncomingMessage]) async throws {
        let bot = machine?.configuration.botUserID
        for (roomID, room) in sync.rooms?.join ?? [:] {
            let events = (room.state?.events ?? []) + (room.timeline?.events ?? [])
            if room.timeline?.limited == true, members[roomID] != nil {
                try await learnMembers(of: roomID)  // a gap may hide membership changes
                continue
            }
            for event in events where event.type == "m.room.member" {
                guard let user = event.stateKey, user != bot, let membership = event.content["membership"]?.string else { continue }
                if members[roomID] == nil {
                    try await learnMembers(of: roomID)
                } else if members[roomID]?[user] != membership {
                    members[roomID]?[user] = membership
                    changed.insert(roomID)
                }
            }
        }
        for roomID in (sync.rooms?.leave ?? [:]).keys {
            members[roomID] = nil
        }
        for message in messages where members[message.room] == nil {
            try await learnMembers(of: message.room)
        }
    }

    private func learnMembers(of roomID: String) async throws {
        let bot = machine?.configuration.botUserID ?? configuration.user
        var known: [String: String] = [:]
        for event in try await client.members(roomID: roomID) {
            guard let user = event.stateKey, user != bot, let membership = event.content["membership"]?.string else { continue }
            known[user] = membership
        }
        members[roomID] = known
        changed.insert(roomID)
    }
}
