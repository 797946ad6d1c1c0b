import CoachCore
import CoachStore
import TOMLKit

/// The team's config file (`deploy/coachbot.example.toml`): settings, the roster, and the chat
/// network. Parsed from text (pure); `apply` writes it into the store.
public struct TeamConfig: Sendable {
    public struct Person: Sendable, Hashable {
        public var handle: String
        public var displayName: String
        public var role: Role
        /// The Matrix user id (`@alice:example.org`).
        public var matrix: String?
        /// The athlete's direct room with the bot, when known in advance.
        public var directRoom: String?
        /// The handle of the athlete's coach (`coach = "bob"`); nil: every coach sees them.
        public var coach: String? = nil
        /// The IRC nick (`irc = "alice"`), for the IRC network.
        public var irc: String? = nil
    }

    public struct Matrix: Sendable, Hashable {
        public var homeserver: String
        public var user: String
        public var password: String?
        public var accessToken: String?
        public var deviceID: String?
        /// The coaches' room: a room id (`!abc:server`) or an alias (`#coaches:server`).
        public var coachesRoom: String
    }

    public struct ConfigError: Error, CustomStringConvertible {
        public var description: String
    }

    public var timeZone: String?
    public var checkinDeadline: String?
    public var database: String?
    public var people: [Person] = []
    public var matrix: Matrix?
    /// `[backup]`: the daily verified backup; nil when the section is absent (no scheduled backups).
    public var backup: BackupSettings?
    /// `[http]`: the metrics and health endpoints; nil when absent (off).
    public var http: HTTPSettings?

    public init(toml text: String, file: String = "config") throws {
        func fail(_ s: String) -> ConfigError { ConfigError(description: "\(file): \(s)") }
        if let problem = TOMLPrecheck.problem(in: text) { throw fail(problem) }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw fail("not valid TOML at \(e.source.begin): \(e.description)")
        }
        if let team = table["team"]?.table {
            timeZone = team["time_zone"]?.string
            checkinDeadline = team["checkin_deadline"]?.string
            database = team["database"]?.string
            if let d = checkinDeadline, TeamClock.minuteOfDay(d) == nil { throw fail("[team] checkin_deadline should be HH:MM (got \"\(d)\")") }
            if let z = timeZone, TeamClock(zone: z) == nil { throw fail("[team] time_zone \"\(z)\" is not an IANA time zone (e.g. Europe/Stockholm)") }
        }
        for (i, item) in (table["people"]?.array ?? TOMLArray()).enumerated() {
            guard let p = item.table, let handle = (p["handle"] ?? p["name"])?.string?.lowercased(), !handle.isEmpty else {
                throw fail("[[people]] entry \(i + 1) needs handle = \"…\"")
            }
            let roleText = p["role"]?.string ?? "athlete"
            guard let role = Role(rawValue: roleText) else { throw fail("[[people]] \(handle): role \"\(roleText)\" should be athlete, coach or admin") }
            let display = p["display_name"]?.string ?? (handle.prefix(1).uppercased() + handle.dropFirst())
            people.append(Person(handle: handle, displayName: display, role: role, matrix: p["matrix"]?.string, directRoom: p["direct_room"]?.string,
                                 coach: p["coach"]?.string?.lowercased(), irc: p["irc"]?.string))
        }
        if let h = table["http"]?.table {
            guard let listen = h["listen"]?.string else { throw fail("[http] needs listen = \"127.0.0.1:9464\"") }
            switch HTTPSettings.parse(listen) {
            case .success(let settings): http = settings
            case .failure(let error): throw fail(error.description)
            }
        }
        if let b = table["backup"]?.table {
            backup = try BackupSettings(table: b, fail: fail)
        }
        let handles = Set(people.map(\.handle))
        for p in people {
            if let coach = p.coach, !handles.contains(coach) {
                throw fail("[[people]] \(p.handle): coach \"\(coach)\" is not on the roster")
            }
        }
        if let m = table["matrix"]?.table {
            guard let homeserver = m["homeserver"]?.string, homeserver.hasPrefix("http") else {
                throw fail("[matrix] homeserver should be a URL like \"https://matrix.example.org\"")
            }
            guard let user = m["user"]?.string, user.hasPrefix("@") else { throw fail("[matrix] user should be the bot's user id, like \"@coachbot:example.org\"") }
            guard let coaches = m["coaches_room"]?.string, coaches.hasPrefix("!") || coaches.hasPrefix("#") else {
                throw fail("[matrix] coaches_room should be a room id (!…) or alias (#…)")
            }
            let password = m["password"]?.string, token = m["access_token"]?.string
            guard password != nil || token != nil else { throw fail("[matrix] needs password or access_token") }
            matrix = Matrix(homeserver: homeserver, user: user, password: password, accessToken: token, deviceID: m["device_id"]?.string, coachesRoom: coaches)
        }
    }

    /// Writes settings, roster, identities and known rooms into the store (idempotent).
    public func apply(to db: StoreDatabase, at time: Double) throws {
        if let timeZone { try db.setTeamSetting(Bot.Setting.timeZone, timeZone) }
        if let checkinDeadline { try db.setTeamSetting(Bot.Setting.checkinDeadline, checkinDeadline) }
        for p in people {
            let person = try db.upsertPerson(handle: p.handle, displayName: p.displayName, role: p.role,
                                             identity: p.matrix.map { Identity(network: "matrix", address: $0) }, at: time)
            if let irc = p.irc { try db.link(Identity(network: "irc", address: irc), to: person.id) }
            if let room = p.directRoom {
                _ = try db.upsertRoom(network: "matrix", roomID: room, kind: p.role == .athlete ? .athleteDirect : .coachDirect, person: person.id)
            }
        }
        for p in people where p.role == .athlete {
            guard let athlete = try db.findPerson(handle: p.handle) else { continue }
            let coach = try p.coach.flatMap { try db.findPerson(handle: $0) }
            try db.setCoach(of: athlete.id, to: coach?.id)
        }
        if let matrix {
            _ = try db.upsertRoom(network: "matrix", roomID: matrix.coachesRoom, kind: .coaches, person: nil)
        }
    }
}
