import ChatPipeline
import CoachCore
import CoachStore
import Foundation

/// The terminal transport: you type as an athlete or a coach and see the bot's replies and
/// alerts as they would appear in each room. Lines and the clock come from the caller.
public final class Console {
    public static let network = "console"
    let bot: Bot
    let pipeline: InlinePipeline
    private(set) var handle: String
    private(set) var room: String
    /// Message ids must never repeat across console sessions on one database (they are recorded
    /// as processed), so each session has its own prefix.
    private let session = UUID().uuidString
    private var counter = 0

    /// Prepares the console network: every person on the roster gets a console identity and a
    /// direct room named after their handle, and there is a `coaches` room.
    public init(bot: Bot, now: Double) throws {
        self.bot = bot
        pipeline = InlinePipeline(store: SQLitePipelineStore(store: bot.store, handler: bot), network: Self.network)
        let people = try bot.store.write { db -> [Person] in
            _ = try db.upsertRoom(network: Self.network, roomID: "coaches", kind: .coaches, person: nil)
            let roster = try db.roster()
            for p in roster {
                try db.link(Identity(network: Self.network, address: p.handle), to: p.id)
                _ = try db.upsertRoom(network: Self.network, roomID: p.handle, kind: p.role == .athlete ? .athleteDirect : .coachDirect, person: p.id)
            }
            return roster
        }
        handle = people.first { $0.role == .athlete }?.handle ?? people.first?.handle ?? "guest"
        room = handle
        pending = try pipeline.submit([], at: now)
    }

    /// Messages owed at start (a late start's missed-check-in alert), shown with the first output.
    private var pending: [OutgoingMessage] = []

    public var prompt: String { room == handle ? "\(handle)> " : "\(handle)@\(room)> " }

    public var introduction: String {
        let roster = (try? bot.store.read { db in try db.roster() }) ?? []
        let names = roster.map { "\($0.handle) (\($0.role.rawValue))" }.joined(separator: ", ")
        return """
            coachbot console: type as a person on the team and see what the bot answers.
            People: \(names.isEmpty ? "none yet" : names)
            /as NAME switch person (their direct room) · /room coaches talk in the coaches' room · /help · /quit
            You are \(handle).
            """
    }

    /// Handles one typed line; returns what to print. Nil means quit.
    public func input(_ line: String, now: Double) throws -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text == "/quit" || text == "/exit" { return nil }
        if text.hasPrefix("/as ") {
            let name = text.dropFirst(4).trimmingCharacters(in: .whitespaces).lowercased()
            handle = name
            room = name
            let known = try bot.store.read { db in try db.findPerson(handle: name) }
            return known.map { "You are now \($0.displayName) (\($0.role.rawValue)), in your direct room." }
                ?? "You are now “\(name)”, who is not on the roster (a stranger)."
        }
        if text.hasPrefix("/room ") {
            // Only where this person could speak on a real network: their own direct room, and
            // the coaches' room for coaches.
            let wanted = text.dropFirst(6).trimmingCharacters(in: .whitespaces).lowercased()
            let person = try bot.store.read { db in try db.findPerson(handle: handle) }
            let isCoach = person.map { $0.role == .coach || $0.role == .admin } ?? false
            guard wanted == handle || (wanted == "coaches" && isCoach) else {
                return wanted == "coaches"
                    ? "Only coaches are in the coaches' room; you are \(handle)."
                    : "\(handle) cannot post in \(wanted)'s room: use /room \(handle)\(isCoach ? " or /room coaches" : "")."
            }
            room = wanted
            return "Now in room \(room)."
        }
        if text == "/help" { return introduction }
        if text.isEmpty { return "" }
        counter += 1
        let out = pending + (try pipeline.submit([IncomingMessage(network: Self.network, room: room, sender: handle, text: text,
                                                                  messageID: "console-\(session)-\(counter)", time: now)], at: now))
        pending = []
        return out.map { Self.render($0) }.joined(separator: "\n")
    }

    /// Timed messages (the missed-check-in alert) when nothing is typed.
    public func tick(now: Double) throws -> String {
        let out = pending + (try pipeline.submit([], at: now))
        pending = []
        return out.map { Self.render($0) }.joined(separator: "\n")
    }

    static func render(_ m: OutgoingMessage) -> String {
        let lines = m.text.split(separator: "\n", omittingEmptySubsequences: false)
        return "[\(m.room)] coachbot: " + lines.joined(separator: "\n" + String(repeating: " ", count: m.room.count + 13))
    }
}
