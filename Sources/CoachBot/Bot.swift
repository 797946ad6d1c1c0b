import ChatPipeline
import CheckinParser
import CoachCore
import CoachStore
import Conversation
import Foundation

/// The transport-neutral bot: one incoming message in, the messages to send out, inside the
/// pipeline's transaction. Exactly one reply goes back to the room a message came from (the
/// neutral line when that room is not private, with the real reply sent privately); a coach
/// command may add one message to the athlete it concerns, and a check-in an alert to the coaches.
public final class Bot: PipelineHandler {
    public let store: CoachStore
    public let parser: CheckinParser

    /// Team settings kept in the store (set by the config file, `@config` or commands).
    public enum Setting {
        public static let timeZone = "time_zone"
        public static let checkinDeadline = "checkin_deadline"
    }

    public init(store: CoachStore, parser: CheckinParser) {
        self.store = store
        self.parser = parser
    }

    /// Handles one message in a transaction of its own, without the outbox (benchmarks, tests of
    /// the conversation). Networks go through the pipeline, which also records the message's id.
    public func handle(_ message: IncomingMessage) throws -> [OutgoingMessage] {
        try store.write { db in try self.handle(message, in: db) }
    }

    /// Handles a message inside the caller's transaction (the pipeline commits replies, processed
    /// ids and the network's cursor together). Health data leaves only for private conversations.
    public func handle(_ message: IncomingMessage, in db: StoreDatabase) throws -> [OutgoingMessage] {
        let context = try Context(db: db, message: message)
        guard let person = try db.findPerson(Identity(network: message.network, address: message.sender)) else {
            // A stranger is answered at most once an hour, and told nothing about anyone.
            guard try db.claimStrangerReply(network: message.network, address: message.sender, at: message.time,
                                            interval: Self.strangerInterval) else { return [] }
            return [context.reply(Replies(language: .en).stranger)]
        }
        // Removed from the roster: no more answers (their data is kept until `forget`).
        guard try db.isActive(person.id) else { return [] }
        let privacy = PrivacyRouter(db: db, network: message.network)
        let known = try db.room(network: message.network, roomID: message.room)
        let isPrivate = try privacy.isPrivate(room: message.room, kind: known?.kind, for: person)
        if let room = known {
            if !isPrivate, room.kind == .athleteDirect || room.kind == .coachDirect {
                try db.retireRoom(network: message.network, roomID: message.room)
            }
        } else if isPrivate {
            // A room we have not seen, from someone we know, that only they (and coaches) read:
            // their direct room with the bot.
            _ = try db.upsertRoom(network: message.network, roomID: message.room,
                                  kind: person.role == .athlete ? .athleteDirect : .coachDirect, person: person.id)
        }
        let rate = try db.countMessage(network: message.network, address: message.sender, at: message.time, limit: Self.messageLimit)
        let parsed = parser.parse(message.text)
        let replies: [OutgoingMessage]
        if person.role != .admin, TrainingConversation.handles(parsed.intent) {
            replies = try TrainingConversation(db: db, context: context, person: person,
                                               exerciseLibrary: parser.vocabulary.dataFiles[ExerciseLibraryFile.fileName]).handle(parsed)
        } else {
            switch person.role {
            case .admin:
                replies = try AdminConversation(db: db, context: context, admin: person, words: parser.vocabulary.adminCommands).handle(message.text)
            case .coach:
                replies = try CoachConversation(db: db, context: context, coach: person).handle(parsed)
            case .athlete:
                if parsed.intent.isCoachCommand {
                    replies = [context.reply(Replies(language: parsed.language ?? .en).notForAthletes)]
                } else {
                    replies = try AthleteConversation(db: db, context: context, athlete: person).handle(parsed)
                }
            }
        }
        let routed = try privacy.route(replies, answering: message, from: person, isPrivate: isPrivate, language: parsed.language ?? .en)
        // The message was handled in full (a check-in is stored, coaches alerted); only the answers
        // to the sender are held back once they write more than `messageLimit` a minute.
        guard rate != .answer else { return routed }
        let own = try Set([.athleteDirect, .coachDirect].flatMap { try db.rooms(kind: $0) }.filter { $0.personID == person.id }.map(\.roomID))
            .union(db.identities(of: person.id).map(\.address)).union([message.room])
        let held = routed.filter { !own.contains($0.room) }
        return rate == .warn ? held + [context.reply(Replies(language: parsed.language ?? .en).slowDown)] : held
    }

    /// Messages a person may send in a minute before the bot stops answering them until it ends.
    public static let messageLimit = 20


    /// How long a stranger waits for a second answer.
    public static let strangerInterval = 3600.0

    /// Timed messages due in (from, to]: the missed-check-in alert at each day's deadline, once for
    /// the team, to the coaches of every network. `from` is nil on the very first start: a bot
    /// that was not running at today's deadline still owes today's alert (once), nothing older.
    public func tick(from: Double?, to: Double, in db: StoreDatabase) throws -> [OutgoingMessage] {
        let clock = try Context.clock(db)
        let from = from ?? (clock.instant(of: clock.day(at: to), minute: 0) - 1)
        guard to > from else { return [] }
        let deadline = try TeamClock.minuteOfDay(db.teamSetting(Setting.checkinDeadline) ?? "10:00") ?? 600
        // Only the latest deadline passed: after days without a tick (the bot was down), alerts
        // for days the coaches can no longer act on would only bury today's.
        var day = clock.day(at: to)
        if clock.instant(of: day, minute: deadline) > to { day = day.adding(days: -1) }
        let due = clock.instant(of: day, minute: deadline)
        guard due > from, due <= to else { return [] }
        return try missedCheckinAlert(db: db, day: day, at: due, deadline: deadline)
    }

    private func missedCheckinAlert(db: StoreDatabase, day: Day, at time: Double, deadline: Int) throws -> [OutgoingMessage] {
        let key = "missed-checkin-alert:\(day)"
        guard try db.teamSetting(key) == nil else { return [] }
        try db.setTeamSetting(key, "sent")
        let missing = try db.missingCheckins(day: day)
        let rooms = try db.rooms(kind: .coaches)
        guard !missing.isEmpty, !rooms.isEmpty else { return [] }
        for person in missing {
            try db.recordAlert(athlete: person.id, day: day, at: time, kind: "missed-checkin", reasons: ["no check-in by deadline"])
        }
        let time = String(format: "%02d:%02d", deadline / 60, deadline % 60)
        let text = CoachTexts.missing(names: missing.map(\.displayName), deadline: time)
        return try rooms.flatMap { room in
            try PrivacyRouter(db: db, network: room.network).toCoaches(OutgoingMessage(room: room.roomID, text: text, network: room.network))
        }
    }

    public func membershipChanged(network: String, room: String, members: Set<String>, in db: StoreDatabase) throws {
        try PrivacyRouter(db: db, network: network).membershipChanged(room: room, members: members)
    }
}

/// What every conversation step needs to know about the message it answers.
struct Context {
    var message: IncomingMessage
    var clock: TeamClock
    var today: Day

    init(db: StoreDatabase, message: IncomingMessage) throws {
        self.message = message
        clock = try Self.clock(db)
        today = clock.day(at: message.time)
    }

    static func clock(_ db: StoreDatabase) throws -> TeamClock {
        try TeamClock.cached(zone: db.teamSetting(Bot.Setting.timeZone) ?? "UTC")
    }

    /// The reply to the message, in its room, as a reply to it.
    func reply(_ text: String) -> OutgoingMessage {
        OutgoingMessage(room: message.room, text: text, replyTo: message.messageID)
    }

    static func coachesRoom(_ db: StoreDatabase, network: String) throws -> String? {
        try db.room(kind: .coaches, network: network)?.roomID
    }

    /// Where to reach an athlete: their direct room, or else their address on this network,
    /// which a transport that can open a direct conversation (Matrix) turns into one.
    func directRoom(_ db: StoreDatabase, of person: PersonID) throws -> String? {
        if let room = try db.room(kind: .athleteDirect, network: message.network, person: person)?.roomID { return room }
        return try db.identities(of: person).first { $0.network == message.network }?.address
    }
}
