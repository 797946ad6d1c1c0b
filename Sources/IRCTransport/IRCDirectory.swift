import ChatPipeline
import CoachCore
import Foundation

/// Who is who on the IRC network, as far as the bot can tell: each nick's services account
/// (from `account-tag`, `extended-join`, `account-notify` and WHOX), the members of the channels
/// the bot is in, and the bot's own prefix (for line lengths). Identity is the account, never the
/// nick: a nick with no known account is nobody the roster knows.
public struct IRCDirectory: Sendable {
    /// nick (lowercased) → account, or nil when the nick is known to be logged out.
    private(set) var accounts: [String: String?] = [:]
    /// channel (lowercased) → nicks in it (lowercased → as written).
    private(set) var channels: [String: [String: String]] = [:]
    /// Channels whose membership changed since the last `takeChanges()`.
    private var changed: Set<String> = []
    /// The bot's own `nick!user@host`, learnt from USERHOST (302) or its echoed messages.
    public private(set) var ownPrefix: String?
    public var ownNick: String

    public init(ownNick: String) {
        self.ownNick = ownNick
    }

    public mutating func reset(ownNick: String) {
        self = IRCDirectory(ownNick: ownNick)
    }

    /// The account of a nick, if known.
    public func account(of nick: String) -> String? {
        accounts[nick.lowercased()] ?? nil
    }

    /// The nick currently logged in to `account` (the most recently seen), if any.
    public func nick(of account: String) -> String? {
        accounts.first { $0.value?.lowercased() == account.lowercased() }.map(\.key)
    }

    /// What the privacy rules read: each channel's readers, as accounts; a nick without an
    /// account appears as `~nick`, which no roster entry can match.
    public func members(of channel: String) -> Set<String> {
        Set((channels[channel.lowercased()] ?? [:]).keys.filter { $0 != ownNick.lowercased() }.map { account(of: $0) ?? "~" + $0 })
    }

    public mutating func takeChanges() -> [(channel: String, members: Set<String>)] {
        defer { changed = [] }
        return changed.sorted().map { ($0, members(of: $0)) }
    }

    /// Learns from one line from the server.
    public mutating func observe(_ m: IRCMessage) {
        let nick = m.sourceNick?.lowercased()
        if let nick, let account = m.tags["account"] { accounts[nick] = .some(account) }
        switch m.command {
        case "JOIN":
            guard let nick, let channel = m.params.first?.lowercased() else { return }
            if m.params.count >= 3 { accounts[nick] = m.params[1] == "*" ? .some(nil) : .some(m.params[1]) }  // extended-join
            channels[channel, default: [:]][nick] = m.sourceNick
            changed.insert(channel)
            if nick == ownNick.lowercased(), let source = m.source { ownPrefix = source }
        case "PART":
            guard let nick, let channel = m.params.first?.lowercased() else { return }
            remove(nick, from: channel)
        case "KICK":
            guard m.params.count >= 2 else { return }
            remove(m.params[1].lowercased(), from: m.params[0].lowercased())
        case "QUIT":
            guard let nick else { return }
            for channel in channels.keys { remove(nick, from: channel) }
            accounts[nick] = nil
        case "NICK":
            guard let nick, let new = m.params.first else { return }
            let lower = new.lowercased()
            accounts[lower] = accounts.removeValue(forKey: nick) ?? nil
            for channel in channels.keys where channels[channel]?[nick] != nil {
                channels[channel]?[nick] = nil
                channels[channel]?[lower] = new
            }
            if nick == ownNick.lowercased() { ownNick = new }
        case "ACCOUNT":  // account-notify
            guard let nick, let account = m.params.first else { return }
            accounts[nick] = account == "*" ? .some(nil) : .some(account)
            for (channel, members) in channels where members[nick] != nil { changed.insert(channel) }
        case "353":  // RPL_NAMREPLY: me = #chan :@nick +nick
            guard m.params.count >= 4 else { return }
            let channel = m.params[2].lowercased()
            for entry in m.params[3].split(separator: " ") {
                let name = String(entry.drop { "~&@%+".contains($0) })
                channels[channel, default: [:]][name.lowercased()] = name
            }
            changed.insert(channel)
        case "354":  // WHOX reply to `WHO #chan %na,42`: me 42 nick account
            guard m.params.count >= 4, m.params[1] == "42" else { return }
            accounts[m.params[2].lowercased()] = m.params[3] == "0" ? .some(nil) : .some(m.params[3])
            for (channel, members) in channels where members[m.params[2].lowercased()] != nil { changed.insert(channel) }
        case "302":  // RPL_USERHOST: me :nick=+user@host
            guard let reply = m.params.last, let eq = reply.firstIndex(of: "=") else { return }
            let name = reply[..<eq].trimmingCharacters(in: CharacterSet(charactersIn: "* "))
            let userHost = reply[reply.index(after: eq)...].drop { $0 == "+" || $0 == "-" }
            if name.lowercased() == ownNick.lowercased() { ownPrefix = "\(name)!\(userHost)" }
        default:
            break
        }
    }

    private mutating func remove(_ nick: String, from channel: String) {
        if nick == ownNick.lowercased() {
            channels[channel] = nil
        } else {
            channels[channel]?[nick] = nil
        }
        changed.insert(channel)
    }

    /// Bytes a reply's text may take in one line to `target`: 512 minus CR LF and the prefix the
    /// server relays it with (`:nick!user@host NOTICE target :`). An unknown host counts as 63 bytes.
    public func textBudget(command: String = "NOTICE", target: String) -> Int {
        let prefix = ownPrefix ?? "\(ownNick)!\(String(repeating: "u", count: 10))@\(String(repeating: "h", count: 63))"
        return 510 - (1 + prefix.utf8.count + 1 + command.utf8.count + 1 + target.utf8.count + 2)
    }

    /// A person's message as the pipeline takes it, or nil for what the bot must not answer (its
    /// own echoes, notices, CTCP, server messages). Private messages get the sender's account as
    /// the room (or `~nick` for someone without one); channel messages the channel.
    public func incoming(_ m: IRCMessage, now: Double) -> IncomingMessage? {
        guard m.command == "PRIVMSG", m.params.count >= 2, let nick = m.sourceNick,
              nick.lowercased() != ownNick.lowercased(), m.source?.contains("!") == true else { return nil }
        let text = m.params[1]
        if text.hasPrefix("\u{1}") { return nil }  // CTCP: answered apart, never a check-in
        let sender = m.tags["account"] ?? account(of: nick) ?? "~" + nick
        let target = m.params[0]
        let room = target.hasPrefix("#") || target.hasPrefix("&") ? target : sender
        let time = m.tags["time"].flatMap(Self.parseTime) ?? now
        let id = m.tags["msgid"] ?? Self.fallbackID(time: m.tags["time"] ?? String(Int(time)), source: m.source ?? nick, target: target, text: text)
        return IncomingMessage(network: "irc", room: room, sender: sender, text: text, messageID: id, time: time)
    }

    /// Without `msgid`: server-time + sender + target + text, hashed (FNV-1a 64). Two identical
    /// lines in the same second from the same person count once; said in docs/irc.md.
    static func fallbackID(time: String, source: String, target: String, text: String) -> String {
        "h-" + String(IdempotencyKey.fnv1a("\(time)\u{1F}\(source)\u{1F}\(target)\u{1F}\(text)"), radix: 16)
    }

    static func parseTime(_ text: String) -> Double? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d.timeIntervalSince1970 }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)?.timeIntervalSince1970
    }
}
