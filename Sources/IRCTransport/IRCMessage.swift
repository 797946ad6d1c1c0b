/// One IRC protocol line (RFC 1459/2812 with IRCv3 message tags): `[@tags] [:source] COMMAND params`.
/// Parsed, never matched as text: `AUTHENTICATE :+` and `AUTHENTICATE +` are the same message.
public struct IRCMessage: Sendable, Hashable {
    public var tags: [String: String]
    public var source: String?
    public var command: String
    public var params: [String]

    public init(tags: [String: String] = [:], source: String? = nil, command: String, params: [String] = []) {
        self.tags = tags
        self.source = source
        self.command = command
        self.params = params
    }

    /// Parses a line without its CR LF; nil for an empty or command-less line.
    public init?(line: String) {
        var rest = Substring(line)
        tags = [:]
        if rest.first == "@" {
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            for pair in rest[rest.index(after: rest.startIndex)..<end].split(separator: ";") {
                if let eq = pair.firstIndex(of: "=") {
                    tags[String(pair[..<eq])] = Self.unescape(pair[pair.index(after: eq)...])
                } else {
                    tags[String(pair)] = ""
                }
            }
            rest = rest[end...].drop { $0 == " " }
        }
        source = nil
        if rest.first == ":" {
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            source = String(rest[rest.index(after: rest.startIndex)..<end])
            rest = rest[end...].drop { $0 == " " }
        }
        var params: [String] = []
        var command: String?
        while !rest.isEmpty {
            if command != nil, rest.first == ":" {
                params.append(String(rest.dropFirst()))
                break
            }
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            let word = String(rest[..<end])
            if command == nil { command = word.uppercased() } else { params.append(word) }
            rest = rest[end...].drop { $0 == " " }
        }
        guard let command, !command.isEmpty else { return nil }
        self.command = command
        self.params = params
    }

    /// The line to send (without CR LF). The last parameter is sent as trailing when it must be.
    public var line: String {
        var out = ""
        if !tags.isEmpty {
            out += "@" + tags.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? $0.key : "\($0.key)=\(Self.escape($0.value))" }
                .joined(separator: ";") + " "
        }
        if let source { out += ":\(source) " }
        out += command
        for (i, p) in params.enumerated() {
            let last = i == params.count - 1
            if last, p.isEmpty || p.hasPrefix(":") || p.contains(" ") { out += " :" + p } else { out += " " + p }
        }
        return out
    }

    /// The nick of `nick!user@host` (or a server name).
    public var sourceNick: String? { source.map { String($0.prefix { $0 != "!" && $0 != "@" }) } }

    static func unescape(_ s: Substring) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                switch c {
                case ":": out.append(";")
                case "s": out.append(" ")
                case "r": out.append("\r")
                case "n": out.append("\n")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case ";": out += "\\:"
            case " ": out += "\\s"
            case "\\": out += "\\\\"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }
}
