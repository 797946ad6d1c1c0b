import CoachCore

/// Turns `/sync` answers into what the daemon must do, without doing any I/O: which events go to
/// the bot, which invites to accept, which gaps to back-fill, and which `since` comes next.
///
/// Why a pure value: exactly-once depends on these decisions (what is skipped, when the token may
/// advance), and a value can be tested with recorded JSON. The token advances only by `commit`,
/// which the daemon calls after the batch handler has stored the batch and the token together.
public struct SyncStateMachine: Sendable {
    public struct Configuration: Sendable, Equatable {
        /// The bot's own user id; its events are never handed to the bot.
        public var botUserID: String
        /// People whose invites the bot accepts (the roster). Others are left unanswered.
        public var allowedInviters: Set<String>
        /// Upper bound on `/messages` pages fetched to fill one gap.
        public var maxBackfillPages: Int

        public init(botUserID: String, allowedInviters: Set<String>, maxBackfillPages: Int = 20) {
            self.botUserID = botUserID
            self.allowedInviters = allowedInviters
            self.maxBackfillPages = maxBackfillPages
        }
    }

    /// A gap in a room's timeline: fetch `/messages?dir=b&from=…&to=…` until it is closed.
    public struct BackfillRequest: Sendable, Equatable {
        public var roomID: String
        /// The timeline's `prev_batch`.
        public var from: String
        /// The `since` the gap started at (the previously seen point).
        public var to: String
    }

    /// What to do with one sync answer.
    public struct Plan: Sendable, Equatable {
        /// Messages for the bot, in timeline order per room.
        public var messages: [IncomingMessage]
        /// Gaps to back-fill before the batch is handed over.
        public var backfills: [BackfillRequest]
        /// Invites to accept (room ids).
        public var joins: [String]
        /// The token to store with the batch.
        public var nextSince: String
    }

    public let configuration: Configuration
    /// The last committed token; nil before the very first sync.
    public private(set) var since: String?
    /// Invites from allowed people that still wait for a successful join: room id → inviter.
    public private(set) var pendingInvites: [String: String] = [:]
    /// Direct rooms known from `m.direct` and direct invites: person → room ids.
    public private(set) var directRooms: [String: [String]] = [:]

    public init(configuration: Configuration, since: String?) {
        self.configuration = configuration
        self.since = since
    }

    /// Reads a sync answer. On the very first start (no `since`), no message is handed over: the
    /// history from before the bot ran is not answered; only invites and the token are taken.
    public mutating func plan(for sync: SyncResponse) -> Plan {
        readAccountData(sync.accountData?.events ?? [])
        readInvites(sync.rooms?.invite ?? [:])
        var messages: [IncomingMessage] = []
        var backfills: [BackfillRequest] = []
        if let since {
            for (roomID, room) in (sync.rooms?.join ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let timeline = room.timeline else { continue }
                // A room the bot joined in this sync: what came before its join is history from
                // before it was there, not a gap to fill.
                if let join = timeline.events.lastIndex(where: isOwnJoin) {
                    messages += timeline.events[(join + 1)...].compactMap { message(from: $0, room: roomID) }
                    continue
                }
                if timeline.limited, let prev = timeline.prevBatch {
                    backfills.append(BackfillRequest(roomID: roomID, from: prev, to: since))
                }
                messages += timeline.events.compactMap { message(from: $0, room: roomID) }
            }
        }
        return Plan(
            messages: messages, backfills: backfills, joins: pendingInvites.keys.sorted(),
            nextSince: sync.nextBatch)
    }

    /// Reads one `/messages` page (newest first) of a back-fill. Returns the messages of the page
    /// in chronological order, and the request for the next page, or nil when the gap is closed.
    public func backfillPage(_ request: BackfillRequest, page: MessagesResponse, pageIndex: Int)
        -> (messages: [IncomingMessage], next: BackfillRequest?)
    {
        // The page is newest first; the bot's own join ends the gap (older is history).
        let joinIndex = page.chunk.firstIndex(where: isOwnJoin)
        let inGap = joinIndex.map { page.chunk[..<$0] } ?? page.chunk[...]
        let messages = inGap.reversed().compactMap { message(from: $0, room: request.roomID) }
        guard joinIndex == nil, let end = page.end, !page.chunk.isEmpty, end != request.from,
            pageIndex + 1 < configuration.maxBackfillPages
        else { return (messages, nil) }
        var next = request
        next.from = end
        return (messages, next)
    }

    /// Called once the handler stored the batch with `nextSince`.
    public mutating func commit(_ plan: Plan) {
        since = plan.nextSince
    }

    /// Starts the next sync from the pipeline's stored cursor (after a failed commit, the old one).
    public mutating func resume(from cursor: String?) {
        since = cursor
    }

    public mutating func joined(_ roomID: String) {
        if let inviter = pendingInvites.removeValue(forKey: roomID), !(directRooms[inviter] ?? []).contains(roomID) {
            directRooms[inviter, default: []].append(roomID)
        }
    }

    /// Drops an invite that cannot be accepted (the room is gone, or the invite was withdrawn).
    public mutating func dropInvite(_ roomID: String) {
        pendingInvites.removeValue(forKey: roomID)
    }

    /// The message for the bot in an event, or nil for everything the bot must not answer: its own
    /// events, notices (other bots), edits, non-text messages, events without id or sender.
    public func message(from event: ClientEvent, room: String) -> IncomingMessage? {
        guard event.type == "m.room.message", let eventID = event.eventID, !event.sender.isEmpty,
            event.sender != configuration.botUserID
        else { return nil }
        let content = event.content
        guard content["msgtype"]?.string == "m.text", let body = content["body"]?.string else { return nil }
        if content["m.new_content"] != nil || content["m.relates_to"]?["rel_type"]?.string == "m.replace" {
            return nil
        }
        return IncomingMessage(
            network: "matrix", room: room, sender: event.sender, text: Self.stripReplyFallback(body),
            messageID: eventID, time: (event.originServerTS ?? 0) / 1000)
    }

    /// The bot's own join (not a profile change, which is also `membership: join`).
    public func isOwnJoin(_ event: ClientEvent) -> Bool {
        event.type == "m.room.member" && event.stateKey == configuration.botUserID
            && event.content["membership"]?.string == "join"
            && event.unsigned?["prev_content"]?["membership"]?.string != "join"
    }

    /// Replies quote the original as `> ` lines followed by a blank line; the bot reads only the
    /// person's own words.
    static func stripReplyFallback(_ body: String) -> String {
        guard body.hasPrefix("> ") else { return body }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let firstOwn = lines.firstIndex(where: { !$0.hasPrefix(">") }) else { return body }
        var rest = lines[firstOwn...]
        if rest.first?.isEmpty == true { rest = rest.dropFirst() }
        return rest.joined(separator: "\n")
    }

    private mutating func readAccountData(_ events: [ClientEvent]) {
        for event in events where event.type == "m.direct" {
            guard let map = event.content.object else { continue }
            var rooms: [String: [String]] = [:]
            for (user, value) in map {
                let ids = (value.array ?? []).compactMap(\.string)
                if !ids.isEmpty { rooms[user] = ids }
            }
            directRooms = rooms
        }
    }

    private mutating func readInvites(_ invites: [String: SyncResponse.InvitedRoom]) {
        for (roomID, room) in invites {
            let events = room.inviteState?.events ?? []
            guard let invite = events.first(where: {
                $0.type == "m.room.member" && $0.stateKey == configuration.botUserID
                    && $0.content["membership"]?.string == "invite"
            }) else { continue }
            guard configuration.allowedInviters.contains(invite.sender) else { continue }
            pendingInvites[roomID] = invite.sender
        }
    }
}
