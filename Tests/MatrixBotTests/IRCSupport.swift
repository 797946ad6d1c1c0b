import Foundation
import IRCTransport
import NIOCore
import Synchronization
import TOMLKit
import Testing

/// The dev IRC server's generated config (`deploy/dev-ircd start`), named by `COACHBOT_IRC_CONFIG`.
/// Without it the IRC tests are skipped, never counted as passed.
struct DevIRCd: Sendable {
    var configPath: String
    var plainPort: Int
    /// A plain port with generous flood limits (soak tests run the bot at 10 lines a second).
    var fastPort: Int
    var botNick: String
    var coachesChannel: String
    var channelKey: String
    var passwords: [String: String]
    var athletes: [String]

    static func load() -> DevIRCd? {
        guard let path = ProcessInfo.processInfo.environment["COACHBOT_IRC_CONFIG"], !path.isEmpty,
              let text = try? String(contentsOfFile: path, encoding: .utf8), let toml = try? TOMLTable(string: text),
              let irc = toml["irc"]?.table, let nick = irc["nick"]?.string, let channel = irc["coaches_channel"]?.string,
              let key = irc["coaches_channel_key"]?.string, let dev = toml["dev"]?.table,
              let port = dev["plain_port"]?.int, let fast = dev["fast_port"]?.int, let pw = dev["passwords"]?.table
        else { return nil }
        var passwords: [String: String] = [:]
        for key in pw.keys { passwords[key] = pw[key]?.string }
        let athletes = (toml["people"]?.array ?? TOMLArray()).compactMap { $0.table }.filter { $0["role"]?.string == "athlete" }.compactMap { $0["irc"]?.string }
        return DevIRCd(configPath: path, plainPort: port, fastPort: fast, botNick: nick, coachesChannel: channel, channelKey: key, passwords: passwords, athletes: athletes)
    }

    /// The config with `[irc]` pointed at the fast plain port, 10 lines a second (soak tests).
    func fastConfig() throws -> String {
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("port = ") { return "port = \(fastPort)" }
            if line.hasPrefix("tls = ") { return "tls = false" }
            if line.hasPrefix("messages_per_second") { return "messages_per_second = 10" }
            return String(line)
        }
        let path = temporaryDatabase() + ".toml"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `deploy/dev-ircd ARGS…`, spawned and reaped by hand (the ircd it restarts outlives it).
    static func script(_ arguments: [String]) throws {
        try DevHomeserver.script(arguments, name: "dev-ircd")
    }
}

/// A person on the dev IRC server as a real client: logged in to their services account with
/// SASL PLAIN (or, for an impostor, with only a nick), sending PRIVMSGs and collecting what the
/// bot sends them.
final class IRCPerson: Sendable {
    let nick: String
    let account: String?
    private let received = Mutex<[IRCMessage]>([])
    private let registered = Mutex(false)
    /// Registration failed (no SASL, SASL refused): the state machine gave up.
    private let refused = Mutex(false)
    private let machine: Mutex<IRCClientStateMachine?>
    private let sink: AsyncStream<ByteBuffer>.Continuation
    private let stream: Mutex<AsyncStream<ByteBuffer>?>
    private let task = Mutex<Task<Void, Never>?>(nil)

    private init(nick: String, account: String?, password: String) {
        self.nick = nick
        self.account = account
        machine = Mutex(account.map { IRCClientStateMachine(configuration: .init(
            nick: nick, mechanism: .plain, account: $0, password: password,
            wantedCaps: ["sasl", "message-tags", "server-time", "account-tag", "batch"])) })
        let (stream, sink) = AsyncStream.makeStream(of: ByteBuffer.self)
        self.sink = sink
        self.stream = Mutex(stream)
    }


    static func connect(_ env: DevIRCd, nick: String, account: String? = nil, fast: Bool = false) async throws -> IRCPerson {
        try await connect(env, nick: nick, account: account, port: fast ? env.fastPort : env.plainPort)
    }

    /// Atheme 7.2 on the dev server has crashed now and then right after relinking to a restarted
    /// InspIRCd (its supervisor restarts it within a second); meanwhile the server offers no SASL.
    /// A person then tries again, as a real client would, up to three times.
    static func connect(_ env: DevIRCd, nick: String, account: String?, port: Int) async throws -> IRCPerson {
        for _ in 1..<3 {
            if let person = try await attempt(env, nick: nick, account: account, port: port) { return person }
            try await Task.sleep(for: .seconds(2))
        }
        return try #require(try await attempt(env, nick: nick, account: account, port: port), "\(nick) registered on the IRC server")
    }

    private static func attempt(_ env: DevIRCd, nick: String, account: String?, port: Int) async throws -> IRCPerson? {
        let person = IRCPerson(nick: nick, account: account, password: account.flatMap { env.passwords[$0] } ?? "")
        let connection = try await IRCConnection.open(.init(host: "127.0.0.1", port: port, tls: false))
        let stream = try #require(person.stream.withLock { $0.take() })
        person.task.withLock {
            $0 = Task {
                _ = try? await connection.channel.executeThenClose { inbound, outbound in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { for await b in stream { try await outbound.write(b) } }
                        group.addTask {
                            for try await line in inbound {
                                if let m = IRCMessage(line: String(decoding: line.readableBytesView, as: UTF8.self)) { person.take(m) }
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
            }
        }
        if let actions = person.machine.withLock({ $0?.connected(now: 0, nonce: "n") }) {
            person.perform(actions)
        } else {
            person.raw(IRCMessage(command: "NICK", params: [nick]))
            person.raw(IRCMessage(command: "USER", params: [nick, "0", "*", nick]))
        }
        _ = await eventually(.seconds(20)) { person.registered.withLock { $0 } || person.refused.withLock { $0 } }
        guard person.registered.withLock({ $0 }) else {
            person.quit()
            return nil
        }
        return person
    }

    private func take(_ m: IRCMessage) {
        if let actions = machine.withLock({ $0?.received(m, now: 0) }) { perform(actions) }
        if m.command == "PING", account == nil { raw(IRCMessage(command: "PONG", params: m.params)) }
        if m.command == "001" { registered.withLock { $0 = true } }
        received.withLock { $0.append(m) }
    }

    private func perform(_ actions: [IRCClientStateMachine.Action]) {
        for action in actions {
            switch action {
            case .send(let out): raw(out)
            case .fail, .reconnect: refused.withLock { $0 = true }
            default: break
            }
        }
    }

    func send(_ text: String, to target: String) {
        raw(IRCMessage(command: "PRIVMSG", params: [target, text]))
    }

    func raw(_ m: IRCMessage) {
        var b = ByteBuffer()
        b.writeString(m.line + "\r\n")
        sink.yield(b)
    }

    /// What `sender` sent this person (or a channel), by command.
    func messages(from sender: String, command: String = "NOTICE", target: String? = nil) -> [IRCMessage] {
        received.withLock { $0 }.filter {
            $0.command == command && $0.sourceNick?.lowercased() == sender.lowercased() && (target == nil || $0.params.first == target)
        }
    }

    func lines(_ command: String) -> [IRCMessage] { received.withLock { $0 }.filter { $0.command == command } }

    func quit() {
        raw(IRCMessage(command: "QUIT", params: ["bye"]))
        sink.finish()
        task.withLock { $0?.cancel() }
    }
}
