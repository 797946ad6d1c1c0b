import ChatPipeline
import CoachStore
import Foundation
import HTTPClient
import MatrixBot
import MatrixTransport
import TOMLKit
import Testing

/// The dev homeserver's generated config (`deploy/dev-homeserver start`), named by
/// `COACHBOT_SYNAPSE_CONFIG`. Without it the Synapse tests are skipped, never counted as passed.
struct DevHomeserver: Sendable {
    struct Account: Sendable {
        var user: String
        var password: String
        var room: String?
    }

    var configPath: String
    var homeserver: String
    var botUser: String
    var coachesRoom: String
    var coach: Account
    var athletes: [Account]
    /// The homeserver's admin: not on the roster, so a stranger to the bot.
    var admin: Account?

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load() -> DevHomeserver? {
        guard let path = ProcessInfo.processInfo.environment["COACHBOT_SYNAPSE_CONFIG"], !path.isEmpty,
              let text = try? String(contentsOfFile: path, encoding: .utf8), let toml = try? TOMLTable(string: text),
              let m = toml["matrix"]?.table, let hs = m["homeserver"]?.string, let bot = m["user"]?.string,
              let coaches = m["coaches_room"]?.string, let passwords = toml["dev"]?.table?["passwords"]?.table,
              let people = toml["people"]?.array?.compactMap({ $0.table })
        else { return nil }
        var athletes: [Account] = []
        var coach: Account?
        for p in people {
            guard let name = p["name"]?.string, let pw = passwords[name]?.string else { continue }
            if p["role"]?.string == "coach" { coach = Account(user: name, password: pw) } else {
                athletes.append(Account(user: name, password: pw, room: p["direct_room"]?.string))
            }
        }
        guard let coach else { return nil }
        let admin = passwords["admin"]?.string.map { Account(user: "admin", password: $0) }
        return DevHomeserver(configPath: path, homeserver: hs, botUser: bot, coachesRoom: coaches, coach: coach, athletes: athletes, admin: admin)
    }

    /// Runs `deploy/dev-homeserver ARGS…` and waits for it. Spawned and reaped by hand:
    /// Foundation's `waitUntilExit` can hang when the script leaves Synapse running behind it.
    static func script(_ arguments: [String], name: String = "dev-homeserver") throws {
        let path = root.appendingPathComponent("deploy/\(name)").path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/tmp/dev-homeserver-test.log", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        try #require(spawned == 0, "could not start deploy/dev-homeserver")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        #expect(status == 0, "deploy/\(name) \(arguments.joined(separator: " ")) failed")
    }
}

/// The real `coachbot` executable as a daemon: started, killed with SIGKILL, restarted.
final class BotProcess: @unchecked Sendable {
    let config: String
    let database: String
    private let lock = NSLock()
    private var process: Process?
    private(set) var starts = 0

    init(config: String, database: String) {
        self.config = config
        self.database = database
    }

    static var executable: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent(), DevHomeserver.root.appendingPathComponent(".build/debug")] {
            let url = dir.appendingPathComponent("coachbot")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return DevHomeserver.root.appendingPathComponent(".build/debug/coachbot")
    }

    func start() throws {
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = ["run", "--config", config, "--db", database, "--intents", DevHomeserver.root.appendingPathComponent("Intents").path]
        let log = FileHandle(forWritingAtPath: database + ".log") ?? {
            FileManager.default.createFile(atPath: database + ".log", contents: nil)
            return FileHandle(forWritingAtPath: database + ".log") ?? .nullDevice
        }()
        log.seekToEndOfFile()
        p.standardOutput = log
        p.standardError = log
        try p.run()
        lock.withLock {
            process = p
            starts += 1
        }
    }

    /// SIGKILL: no chance to finish anything.
    func kill() {
        guard let p = lock.withLock({ process }) else { return }
        Foundation.kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        lock.withLock { process = nil }
    }

    /// SIGTERM, and the exit status.
    func stop() -> Int32? {
        guard let p = lock.withLock({ process }) else { return nil }
        p.terminate()
        p.waitUntilExit()
        lock.withLock { process = nil }
        return p.terminationStatus
    }

    var isRunning: Bool { lock.withLock { process?.isRunning ?? false } }

    /// Waits for the process to end by itself; its exit status, or nil if it still runs.
    func waitForExit(_ timeout: Duration) async -> Int32? {
        guard let p = lock.withLock({ process }) else { return nil }
        _ = await eventually(timeout) { !p.isRunning }
        return p.isRunning ? nil : p.terminationStatus
    }

    /// How often the log says `text` (the daemon's log at the default level).
    func logCount(_ text: String) -> Int {
        ((try? String(contentsOfFile: database + ".log", encoding: .utf8)) ?? "").components(separatedBy: text).count - 1
    }

    /// A network's committed cursor, read from the bot's database.
    func cursor(_ network: String) -> String? {
        guard FileManager.default.fileExists(atPath: database), let store = try? CoachStore(path: database) else { return nil }
        defer { try? store.close() }
        return try? store.read { db in try db.syncValue(PipelineKey.cursor(network)) }
    }

    /// Runs SQL on the bot's database (tests read what the bot recorded).
    func query<T: Sendable>(_ body: (StoreDatabase) throws -> T) throws -> T {
        let store = try CoachStore(path: database)
        defer { try? store.close() }
        return try store.read(body)
    }

    /// The sync token the bot has committed, read from its database.
    func since() -> String? {
        guard FileManager.default.fileExists(atPath: database),
              let store = try? CoachStore(path: database) else { return nil }
        defer { try? store.close() }
        return try? store.read { db in try db.syncValue(PipelineKey.cursor("matrix")) }
    }
}

/// A person on the dev homeserver, with a client logged in as them.
struct Person: Sendable {
    var account: DevHomeserver.Account
    var client: MatrixClient
    var token: String
    var homeserver: String
    var http: HTTPClient

    static func login(_ account: DevHomeserver.Account, homeserver: String, http: HTTPClient) async throws -> Person {
        let client = MatrixClient(homeserver: homeserver, http: http)
        let login = try await client.login(user: account.user, password: account.password)
        return Person(account: account, client: client, token: login.accessToken, homeserver: homeserver, http: http)
    }

    var userID: String { "@\(account.user):localhost" }

    /// A Client-Server call the bot itself never makes (room set-up in tests); returns the body.
    @discardableResult
    func call(_ method: String, _ path: String, _ body: String = "{}") async throws -> String {
        let response = try await http.send(HTTPRequest(
            method: method, url: homeserver + "/_matrix/client/v3" + path,
            headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")], body: Array(body.utf8)))
        let text = String(decoding: response.body, as: UTF8.self)
        try #require(response.status == 200, "\(method) \(path): \(response.status) \(text)")
        return text
    }

    /// Creates a private room with these people invited; returns its id.
    func createRoom(inviting users: [String]) async throws -> String {
        let invites = users.map { "\"\($0)\"" }.joined(separator: ",")
        let body = try await call("POST", "/createRoom", #"{"preset":"private_chat","invite":[\#(invites)]}"#)
        let id = try #require(body.split(separator: "\"").dropFirst().first { $0.hasPrefix("!") })
        return String(id)
    }

    func invite(_ user: String, to room: String) async throws {
        try await call("POST", "/rooms/\(MatrixClient.segment(room))/invite", #"{"user_id":"\#(user)"}"#)
    }

    func leave(_ room: String) async throws {
        try await call("POST", "/rooms/\(MatrixClient.segment(room))/leave")
    }

    /// Whether `user` is a joined member of `room`, as this person sees it.
    func sees(_ user: String, joinedIn room: String) async -> Bool {
        let body = (try? await call("GET", "/rooms/\(MatrixClient.segment(room))/joined_members")) ?? ""
        return body.contains("\"\(user)\"")
    }

    /// Every event in `room` after `token`, paging forward.
    func events(in room: String, after token: String) async throws -> [ClientEvent] {
        var all: [ClientEvent] = []
        var from: String? = token
        for _ in 0..<200 {
            let page = try await client.messages(roomID: room, from: from, direction: .forward, limit: 100)
            all += page.chunk
            guard !page.chunk.isEmpty, let end = page.end, end != from else { break }
            from = end
        }
        return all
    }
}

extension ClientEvent {
    /// The event this one replies to (`m.relates_to` / `m.in_reply_to`).
    var inReplyTo: String? { content["m.relates_to"]?["m.in_reply_to"]?["event_id"]?.string }
    var body: String? { content["body"]?.string }
}

func eventually(_ timeout: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(200))
    }
    return try await condition()
}

func temporaryDatabase() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-matrix-\(UUID().uuidString).sqlite").path
}
