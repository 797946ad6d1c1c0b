import ChatPipeline
import Foundation

/// The IRC client's protocol logic: registration with IRCv3 capability negotiation (`CAP LS 302`,
/// multi-line LS, `cap-notify` NEW/DEL, NAK), SASL (SCRAM-SHA-256, PLAIN, EXTERNAL) that fails
/// closed, nick collisions and regaining the nick, PING/PONG and keepalive. Events in (a parsed
/// line, a tick of the clock), actions out; it never touches a socket, so every exchange is
/// tested against recorded lines.
public struct IRCClientStateMachine: Sendable {
    public enum SASLMechanism: String, Sendable, CaseIterable {
        case scramSHA256 = "SCRAM-SHA-256"
        case plain = "PLAIN"
        case external = "EXTERNAL"
    }

    public struct Configuration: Sendable {
        public var nick: String
        public var user: String
        public var realName: String
        public var mechanism: SASLMechanism
        public var account: String
        public var password: String
        /// Channels joined once registered, with their keys.
        public var channels: [(name: String, key: String?)]
        /// Capabilities asked for when the server offers them.
        public var wantedCaps: Set<String>
        /// Idle seconds before a PING, and silent seconds before the connection is given up.
        public var pingAfter: Double
        public var silenceLimit: Double

        public init(nick: String, user: String? = nil, realName: String = "coachbot", mechanism: SASLMechanism, account: String,
                    password: String, channels: [(name: String, key: String?)] = [],
                    wantedCaps: Set<String> = Self.defaultCaps, pingAfter: Double = 60, silenceLimit: Double = 120) {
            self.nick = nick
            self.user = user ?? nick
            self.realName = realName
            self.mechanism = mechanism
            self.account = account
            self.password = password
            self.channels = channels
            self.wantedCaps = wantedCaps
            self.pingAfter = pingAfter
            self.silenceLimit = silenceLimit
        }

        public static let defaultCaps: Set<String> = [
            "sasl", "message-tags", "server-time", "account-tag", "echo-message", "labeled-response", "batch",
            "extended-join", "account-notify", "cap-notify", "draft/chathistory", "multi-prefix",
        ]
    }

    public enum Action: Sendable, Equatable {
        case send(IRCMessage)
        /// Registered (001) with this nick; channels are being joined.
        case registered(nick: String)
        /// Stop for good: the bot never carries on unauthenticated.
        case fail(PipelineExit)
        /// Close the connection and connect again (silence, `ERROR` from the server).
        case reconnect(String)
        /// Any other line, for the network layer (messages, joins, accounts, labels).
        case event(IRCMessage)
    }

    enum Phase: Sendable, Equatable {
        case idle, listingCaps, requestingCaps, authenticating, awaitingWelcome, registered, closed
    }

    public let configuration: Configuration
    private(set) var phase: Phase = .idle
    /// Capabilities the server offers (name → value), and those enabled.
    public private(set) var offered: [String: String] = [:]
    public private(set) var enabled: Set<String> = []
    public private(set) var nick: String
    private var pendingRequests: [String] = []
    private var scram: SCRAMClient?
    private var nonce = ""
    private var authBuffer = ""
    private var lastReceived = 0.0
    private var pingSent: Double?
    private var lastRegainAttempt = 0.0
    private var nickAttempt = 0
    /// Whether this server has authenticated us before. A server that did, and now offers no
    /// SASL, has lost its services for a moment (a restart relinks them): connect again later
    /// rather than exit as if the configuration were wrong.
    private var authenticatedBefore = false

    public init(configuration: Configuration) {
        self.configuration = configuration
        nick = configuration.nick
    }

    public var isRegistered: Bool { phase == .registered }

    /// The connection is up: start registration. `nonce` seeds SCRAM (random in production).
    public mutating func connected(now: Double, nonce: String) -> [Action] {
        phase = .listingCaps
        offered = [:]
        enabled = []
        nick = configuration.nick
        nickAttempt = 0
        self.nonce = nonce
        lastReceived = now
        pingSent = nil
        return [
            .send(IRCMessage(command: "CAP", params: ["LS", "302"])),
            .send(IRCMessage(command: "NICK", params: [nick])),
            .send(IRCMessage(command: "USER", params: [configuration.user, "0", "*", configuration.realName])),
        ]
    }

    public mutating func received(_ m: IRCMessage, now: Double) -> [Action] {
        lastReceived = now
        pingSent = nil
        switch m.command {
        case "PING":
            return [.send(IRCMessage(command: "PONG", params: m.params))]
        case "PONG":
            return []
        case "ERROR":
            phase = .closed
            return [.reconnect("the server closed the connection: \(m.params.last ?? "")")]
        case "CAP":
            return cap(m)
        case "AUTHENTICATE":
            return authenticate(m.params.first ?? "")
        case "900":  // RPL_LOGGEDIN
            return []
        case "903":  // RPL_SASLSUCCESS
            guard phase == .authenticating else { return [] }
            phase = .awaitingWelcome
            return [.send(IRCMessage(command: "CAP", params: ["END"]))]
        case "902", "904", "905", "906", "907":
            return failSASL("SASL \(configuration.mechanism.rawValue) as \(configuration.account) failed (\(m.command) \(m.params.last ?? ""))")
        case "908":  // RPL_SASLMECHS, followed by 904
            return []
        case "001":
            phase = .registered
            authenticatedBefore = true
            if let me = m.params.first { nick = me }
            var actions: [Action] = [.registered(nick: nick)]
            for channel in configuration.channels {
                actions.append(.send(IRCMessage(command: "JOIN", params: [channel.name] + (channel.key.map { [$0] } ?? []))))
            }
            actions.append(.send(IRCMessage(command: "USERHOST", params: [nick])))
            return actions
        case "433", "432":  // nick in use / erroneous
            guard phase != .registered else { return [] }
            nickAttempt += 1
            nick = nickAttempt <= 2 ? configuration.nick + String(repeating: "_", count: nickAttempt) : "\(configuration.nick)\(nickAttempt)"
            return [.send(IRCMessage(command: "NICK", params: [nick]))]
        case "NICK":
            if m.sourceNick == nick, let new = m.params.first { nick = new }
            return [.event(m)]
        default:
            return [.event(m)]
        }
    }

    /// Time passed: keepalive, silence, regaining the configured nick.
    public mutating func tick(now: Double) -> [Action] {
        guard phase != .idle, phase != .closed else { return [] }
        if now - lastReceived >= configuration.silenceLimit {
            phase = .closed
            return [.reconnect("no data from the server for \(Int(now - lastReceived)) s")]
        }
        var actions: [Action] = []
        if phase == .registered, now - lastReceived >= configuration.pingAfter, pingSent == nil {
            pingSent = now
            actions.append(.send(IRCMessage(command: "PING", params: ["keepalive"])))
        }
        if phase == .registered, nick != configuration.nick, now - lastRegainAttempt >= 30 {
            lastRegainAttempt = now
            actions.append(.send(IRCMessage(command: "NICK", params: [configuration.nick])))
        }
        return actions
    }

    // MARK: CAP

    private mutating func cap(_ m: IRCMessage) -> [Action] {
        guard m.params.count >= 3 else { return [] }
        let sub = m.params[1].uppercased()
        let more = m.params.count >= 4 && m.params[2] == "*"
        let list = (m.params.last ?? "").split(separator: " ").map(String.init)
        switch sub {
        case "LS":
            for entry in list { let (k, v) = Self.capPair(entry); offered[k] = v }
            guard !more, phase == .listingCaps else { return [] }
            return requestCaps(Array(configuration.wantedCaps.filter { offered[$0] != nil }).sorted(), initial: true)
        case "ACK":
            for entry in list {
                if entry.hasPrefix("-") { enabled.remove(String(entry.dropFirst())) } else { enabled.insert(entry) }
            }
            return afterRequest()
        case "NAK":
            // The whole request was refused: ask for each capability alone, so one refusal costs one.
            if list.count > 1 {
                pendingRequests += list
                return nextRequest()
            }
            return afterRequest()
        case "NEW":
            for entry in list { let (k, v) = Self.capPair(entry); offered[k] = v }
            let wanted = list.map { Self.capPair($0).0 }.filter { configuration.wantedCaps.contains($0) && !enabled.contains($0) && $0 != "sasl" }
            return wanted.isEmpty ? [] : [.send(IRCMessage(command: "CAP", params: ["REQ", wanted.sorted().joined(separator: " ")]))]
        case "DEL":
            for entry in list { offered[entry] = nil; enabled.remove(entry) }
            return []
        default:
            return []
        }
    }

    private mutating func requestCaps(_ caps: [String], initial: Bool) -> [Action] {
        guard offered["sasl"] != nil else {
            phase = .closed
            if authenticatedBefore { return [.reconnect("the IRC server offers no SASL right now (its services are relinking?)")] }
            return [.fail(PipelineExit(.loginImpossible, "the IRC server offers no SASL; coachbot never runs unauthenticated"))]
        }
        if let mechanisms = offered["sasl"], !mechanisms.isEmpty,
           !mechanisms.split(separator: ",").contains(where: { $0.uppercased() == configuration.mechanism.rawValue }) {
            phase = .closed
            return [.fail(PipelineExit(.loginImpossible, "the IRC server offers SASL \(mechanisms), not \(configuration.mechanism.rawValue) (fix [irc] sasl_mechanism)"))]
        }
        phase = .requestingCaps
        return [.send(IRCMessage(command: "CAP", params: ["REQ", caps.joined(separator: " ")]))]
    }

    private mutating func nextRequest() -> [Action] {
        guard !pendingRequests.isEmpty else { return afterRequest() }
        return [.send(IRCMessage(command: "CAP", params: ["REQ", pendingRequests.removeFirst()]))]
    }

    private mutating func afterRequest() -> [Action] {
        guard phase == .requestingCaps else { return [] }
        if !pendingRequests.isEmpty { return nextRequest() }
        guard enabled.contains("sasl") else {
            return failSASL("the IRC server refused the sasl capability")
        }
        phase = .authenticating
        authBuffer = ""
        return [.send(IRCMessage(command: "AUTHENTICATE", params: [configuration.mechanism.rawValue]))]
    }

    static func capPair(_ entry: String) -> (String, String) {
        guard let eq = entry.firstIndex(of: "=") else { return (entry, "") }
        return (String(entry[..<eq]), String(entry[entry.index(after: eq)...]))
    }

    // MARK: SASL

    private mutating func authenticate(_ chunk: String) -> [Action] {
        guard phase == .authenticating else { return [] }
        // Payloads come in 400-byte chunks; a shorter chunk (or "+") ends one.
        if chunk != "+" { authBuffer += chunk }
        if chunk.utf8.count == 400 { return [] }
        let payload = authBuffer
        authBuffer = ""
        let server = Data(base64Encoded: payload).map { String(decoding: $0, as: UTF8.self) } ?? ""
        switch configuration.mechanism {
        case .plain:
            return Self.chunks("\0\(configuration.account)\0\(configuration.password)")
        case .external:
            return [.send(IRCMessage(command: "AUTHENTICATE", params: ["+"]))]
        case .scramSHA256:
            if scram == nil || payload.isEmpty {
                let client = SCRAMClient(user: configuration.account, password: configuration.password, nonce: nonce)
                scram = client
                return Self.chunks(client.clientFirst)
            }
            do {
                if server.hasPrefix("v=") || server.hasPrefix("e=") {
                    try scram?.verify(serverFinal: server)
                    scram = nil
                    return [.send(IRCMessage(command: "AUTHENTICATE", params: ["+"]))]
                }
                guard var client = scram else { return [] }
                let final = try client.clientFinal(serverFirst: server)
                scram = client
                return Self.chunks(final)
            } catch {
                return failSASL("SCRAM-SHA-256 as \(configuration.account) failed: \(error)")
            }
        }
    }

    /// `AUTHENTICATE` lines for a payload: base64 in 400-byte chunks, and a final `+` when the
    /// last chunk is exactly 400 bytes (or the payload is empty).
    static func chunks(_ payload: String) -> [Action] {
        let encoded = Array(Data(payload.utf8).base64EncodedString().utf8)
        var actions: [Action] = []
        var i = 0
        while i < encoded.count {
            let end = min(i + 400, encoded.count)
            actions.append(.send(IRCMessage(command: "AUTHENTICATE", params: [String(decoding: encoded[i..<end], as: UTF8.self)])))
            i = end
        }
        if encoded.isEmpty || encoded.count % 400 == 0 { actions.append(.send(IRCMessage(command: "AUTHENTICATE", params: ["+"]))) }
        return actions
    }

    private mutating func failSASL(_ reason: String) -> [Action] {
        phase = .closed
        return [.fail(PipelineExit(.credentialsRejected, reason))]
    }
}
