import CoachCore
import CoachStore
import Conversation

/// An admin talking to the bot: roster changes (`add`, `remove`, `forget … confirm`, `roster`).
/// Admins see no health data: every other message gets the admin help. Each change is audited.
struct AdminConversation {
    let db: StoreDatabase
    let context: Context
    let admin: Person
    /// Command → words, from `Intents/admin.toml`.
    let words: [String: Set<String>]

    static let help = """
        Admin commands (admins see no health data):
          add athlete alice "Alice Berg" matrix=@alice:example.org coach=bob
          add coach bob "Bob Lind" matrix=@bob:example.org
          add admin carl "Carl Ek" matrix=@carl:example.org
          remove alice            no more answers or alerts; data kept
          forget alice confirm    erases every health record of alice
          roster
        """

    /// The admin command a message starts with (one or two words), and the words after it.
    static func command(_ text: String, words: [String: Set<String>]) -> (String, [String])? {
        let parts = Transcript.words(text.trimmingCharacters(in: .whitespaces))
        guard let first = parts.first?.lowercased() else { return nil }
        for (command, list) in words where command != "confirm" {
            if parts.count >= 2, list.contains("\(first) \(parts[1].lowercased())") { return (command, Array(parts.dropFirst(2))) }
            if list.contains(first) { return (command, Array(parts.dropFirst())) }
        }
        return nil
    }

    func handle(_ text: String) throws -> [OutgoingMessage] {
        guard let (command, args) = Self.command(text, words: words) else { return [context.reply(Self.help)] }
        switch command {
        case "add": return [context.reply(try add(args))]
        case "remove": return [context.reply(try remove(args))]
        case "forget": return [context.reply(try forget(args))]
        case "roster": return [context.reply(try roster())]
        default: return [context.reply(Self.help)]
        }
    }

    private func add(_ args: [String]) throws -> String {
        guard args.count >= 2, let role = Role(rawValue: args[0].lowercased()), let handle = Self.handle(args[1]) else {
            return "Usage: add athlete|coach|admin HANDLE \"Display Name\" matrix=@user:server coach=HANDLE"
        }
        var name: String?
        var identities: [Identity] = []
        var coach: Person?
        for arg in args.dropFirst(2) {
            guard let eq = arg.firstIndex(of: "=") else {
                if name == nil { name = arg; continue }
                return "I did not understand “\(arg)”: use key=value (matrix=, irc=, coach=)."
            }
            let key = arg[..<eq].lowercased(), value = String(arg[arg.index(after: eq)...])
            switch key {
            case "matrix" where value.hasPrefix("@") && value.contains(":"): identities.append(Identity(network: "matrix", address: value))
            case "irc" where !value.isEmpty: identities.append(Identity(network: "irc", address: value))
            case "coach":
                guard role == .athlete, let found = try db.findPerson(handle: value), found.role == .coach else {
                    return "coach= needs a coach on the roster (and only athletes have one)."
                }
                coach = found
            default: return "I did not understand “\(arg)”: use matrix=@user:server, irc=nick or coach=HANDLE."
            }
        }
        let display = name ?? (handle.prefix(1).uppercased() + handle.dropFirst())
        let person = try db.upsertPerson(handle: handle, displayName: display, role: role, identity: identities.first, at: context.message.time)
        for identity in identities.dropFirst() { try db.link(identity, to: person.id) }
        if role == .athlete { try db.setCoach(of: person.id, to: coach?.id) }
        try db.setActive(person.id, true)
        try audit("roster.add", person, detail: "role=\(role.rawValue)\(coach.map { " coach=\($0.handle)" } ?? "")")
        return "Added \(role.rawValue) \(handle)\(coach.map { " (coached by \($0.handle))" } ?? "")."
    }

    private func remove(_ args: [String]) throws -> String {
        guard args.count == 1, let person = try args.first.flatMap(Self.handle).flatMap({ try db.findPerson(handle: $0) }) else {
            return "Usage: remove HANDLE (someone on the roster)."
        }
        try db.setActive(person.id, false)
        try audit("roster.remove", person, detail: nil)
        return "Removed \(person.handle): no more answers or alerts; their data is kept (forget \(person.handle) confirm erases it)."
    }

    private func forget(_ args: [String]) throws -> String {
        guard let handle = args.first.flatMap(Self.handle), let person = try db.findPerson(handle: handle) else {
            return "Usage: forget HANDLE confirm (someone on the roster)."
        }
        guard args.count == 2, words["confirm"]?.contains(args[1].lowercased()) == true else {
            return "This erases every health record of \(person.handle) for good. To go ahead, write: forget \(person.handle) confirm"
        }
        let erased = try db.forget(athlete: person.id)
        try audit("roster.forget", person, detail: "rows=\(erased)")
        return "Forgot \(person.handle): \(erased) records erased, and they are deactivated. The audit keeps that this happened."
    }

    private func roster() throws -> String {
        let people = try db.roster()
        guard !people.isEmpty else { return "The roster is empty." }
        try db.appendAudit(AuditEntry(at: context.message.time, actor: admin.handle, actorRole: admin.role.rawValue, action: "roster.list",
                                      network: context.message.network, room: context.message.room))
        return "Roster:\n" + (try people.map { p in
            var line = "\(p.handle) · \(p.displayName) · \(p.role.rawValue)"
            if let coach = try db.coach(of: p.id), let c = try db.roster().first(where: { $0.id == coach }) { line += " · coach \(c.handle)" }
            let ids = try db.identities(of: p.id).map { "\($0.network) \($0.address)" }
            if !ids.isEmpty { line += " · " + ids.joined(separator: ", ") }
            if try !db.isActive(p.id) { line += " · removed" }
            return line
        }).joined(separator: "\n")
    }

    private func audit(_ action: String, _ person: Person, detail: String?) throws {
        try db.appendAudit(AuditEntry(at: context.message.time, actor: admin.handle, actorRole: admin.role.rawValue, action: action,
                                      athlete: person.handle, network: context.message.network, room: context.message.room, detail: detail))
    }

    /// A handle: letters, digits, `_`, `-`, `.`; lower case.
    static func handle(_ text: String) -> String? {
        let h = text.lowercased()
        guard !h.isEmpty, h.count <= 64, h.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else { return nil }
        return h
    }
}
