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
        /// The IRC services account (never a nick: identity on IRC is the account).
        public var irc: String? = nil
    }

    /// `[irc]` (chat-networks.md): server, TLS, SASL, the coaches' channel, the send rate.
    public struct IRC: Sendable, Hashable {
        public var server: String
        public var port: Int
        public var tls: Bool
        /// `sha256:AB:CD:…`: pin the server certificate instead of verifying it.
        public var tlsFingerprint: String?
        /// A PEM with the client certificate and key, for SASL EXTERNAL.
        public var tlsClientCert: String?
        public var nick: String
        public var saslMechanism: String
        public var saslUser: String
        public var saslPassword: String?
        public var coachesChannel: String
        public var coachesChannelKey: String?
        public var messagesPerSecond: Double
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
    public var irc: IRC?
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
        if let i = table["irc"]?.table {
            guard let server = i["server"]?.string, !server.isEmpty else { throw fail("[irc] server should be a host name, like \"irc.example.org\"") }
            let tls = i["tls"]?.bool ?? true
            let port = i["port"]?.int ?? (tls ? 6697 : 6667)
            guard (1...65535).contains(port) else { throw fail("[irc] port \(port) is not a port number") }
            guard let nick = i["nick"]?.string, !nick.isEmpty else { throw fail("[irc] nick is missing") }
            let mechanism = (i["sasl_mechanism"]?.string ?? "SCRAM-SHA-256").uppercased()
            guard ["SCRAM-SHA-256", "PLAIN", "EXTERNAL"].contains(mechanism) else {
                throw fail("[irc] sasl_mechanism should be SCRAM-SHA-256, PLAIN or EXTERNAL (got \"\(mechanism)\")")
            }
            let password = i["sasl_password"]?.string
            guard mechanism == "EXTERNAL" || password != nil else { throw fail("[irc] sasl_password is needed for \(mechanism)") }
            guard mechanism != "EXTERNAL" || i["tls_client_cert"]?.string != nil else { throw fail("[irc] SASL EXTERNAL needs tls_client_cert") }
            guard let channel = i["coaches_channel"]?.string, channel.hasPrefix("#") || channel.hasPrefix("&") else {
                throw fail("[irc] coaches_channel should be a channel, like \"#coaches\"")
            }
            let rate = i["messages_per_second"]?.double ?? i["messages_per_second"]?.int.map(Double.init) ?? 1.0
            guard rate > 0, rate <= 10 else { throw fail("[irc] messages_per_second should be above 0 and at most 10 (got \(rate))") }
            irc = IRC(server: server, port: port, tls: tls, tlsFingerprint: i["tls_fingerprint"]?.string, tlsClientCert: i["tls_client_cert"]?.string,
                      nick: nick, saslMechanism: mechanism, saslUser: i["sasl_user"]?.string ?? nick, saslPassword: password,
                      coachesChannel: channel, coachesChannelKey: i["coaches_channel_key"]?.string, messagesPerSecond: rate)
        }
    }

    /// Writes settings, roster, identities and known rooms into the store (idempotent).
    public func apply(to db: StoreDatabase, at time: Double) throws {
        if let timeZone { try db.setTeamSetting(Bot.Setting.timeZone, timeZone) }
        if let checkinDeadline { try db.setTeamSetting(Bot.Setting.checkinDeadline, checkinDeadline) }
        for p in people {
            let person = try db.upsertPerson(handle: p.handle, displayName: p.displayName, role: p.role,
                                             identity: p.matrix.map { Identity(network: "matrix", address: $0) }, at: time)
            if let room = p.directRoom {
                _ = try db.upsertRoom(network: "matrix", roomID: room, kind: p.role == .athlete ? .athleteDirect : .coachDirect, person: person.id)
            }
            if let account = p.irc {
                // On IRC a private conversation is named by the account it is verified against.
                try db.link(Identity(network: "irc", address: account), to: person.id)
                _ = try db.upsertRoom(network: "irc", roomID: account, kind: p.role == .athlete ? .athleteDirect : .coachDirect, person: person.id)
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
        if let irc {
            _ = try db.upsertRoom(network: "irc", roomID: irc.coachesChannel, kind: .coaches, person: nil)
        }
    }
}
