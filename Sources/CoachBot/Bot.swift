import CheckinParser
import CoachCore
import CoachStore
import Conversation
import Foundation

/// The transport-neutral bot: one incoming message in, the messages to send out, with every
/// store change of that message in one transaction. Transports (console, transcript replay,
/// Matrix) only carry messages in and out.
public final class Bot: Sendable {
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

    /// Handles one message from a person. Exactly one reply goes back to the room it came from;
    /// a coach command may add one message to the athlete it concerns, and a check-in may add an
    /// alert to the coaches' room.
    public func handle(_ message: IncomingMessage) throws -> [OutgoingMessage] {
        try store.write { db in try self.handle(message, in: db) }
    }

    /// Handles a message inside the caller's transaction (the Matrix transport commits replies,
    /// processed event ids and the sync token together).
    public func handle(_ message: IncomingMessage, in db: StoreDatabase) throws -> [OutgoingMessage] {
        let context = try Context(db: db, message: message)
        guard let person = try db.findPerson(Identity(network: message.network, address: message.sender)) else {
            return [context.reply(Replies(language: .en).stranger)]
        }
        if try db.room(network: message.network, roomID: message.room) == nil {
            // A room we have not seen, from someone we know: their direct room with the bot.
            _ = try db.upsertRoom(network: message.network, roomID: message.room,
                                  kind: person.role == .athlete ? .athleteDirect : .coachDirect, person: person.id)
        }
        let parsed = parser.parse(message.text)
        switch person.role {
        case .coach, .admin:
            return try CoachConversation(db: db, context: context, coach: person).handle(parsed)
        case .athlete:
            if parsed.intent.isCoachCommand {
                return [context.reply(Replies(language: parsed.language ?? .en).notForAthletes)]
            }
            return try AthleteConversation(db: db, context: context, athlete: person).handle(parsed)
        }
    }

    /// Timed messages due in (from, to]: the missed-check-in alert at each day's deadline.
    public func tick(from: Double, to: Double, network: String) throws -> [OutgoingMessage] {
        guard to > from else { return [] }
        return try store.write { db in try tick(from: from, to: to, network: network, in: db) }
    }

    /// What a bot that was not running at the deadline owes when it starts: today's timed messages
    /// already due (the missed-check-in alert, once: a second start sends nothing).
    public func start(at now: Double, network: String) throws -> [OutgoingMessage] {
        try store.write { db in
            let clock = try Context.clock(db)
            return try tick(from: clock.instant(of: clock.day(at: now), minute: 0) - 1, to: now, network: network, in: db)
        }
    }

    /// `tick` inside the caller's transaction.
    public func tick(from: Double, to: Double, network: String, in db: StoreDatabase) throws -> [OutgoingMessage] {
        guard to > from else { return [] }
        let clock = try Context.clock(db)
        let deadline = try TeamClock.minuteOfDay(db.teamSetting(Setting.checkinDeadline) ?? "10:00") ?? 600
        var out: [OutgoingMessage] = []
        var day = clock.day(at: from)
        let last = clock.day(at: to)
        while day <= last {
            let due = clock.instant(of: day, minute: deadline)
            if due > from, due <= to {
                out += try missedCheckinAlert(db: db, day: day, at: due, deadline: deadline, network: network)
            }
            day = day.adding(days: 1)
        }
        return out
    }

    private func missedCheckinAlert(db: StoreDatabase, day: Day, at time: Double, deadline: Int, network: String) throws -> [OutgoingMessage] {
        let key = "missed-checkin-alert:\(day)"
        guard try db.teamSetting(key) == nil else { return [] }
        try db.setTeamSetting(key, "sent")
        let missing = try db.missingCheckins(day: day)
        guard !missing.isEmpty, let room = try Context.coachesRoom(db, network: network) else { return [] }
        for person in missing {
            try db.recordAlert(athlete: person.id, day: day, at: time, kind: "missed-checkin", reasons: ["no check-in by deadline"])
        }
        let time = String(format: "%02d:%02d", deadline / 60, deadline % 60)
        return [OutgoingMessage(room: room, text: CoachTexts.missing(names: missing.map(\.displayName), deadline: time))]
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
