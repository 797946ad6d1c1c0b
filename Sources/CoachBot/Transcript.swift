import CoachCore

/// A transcript replay file (see transcript-format.md), read into lines the runner plays.
public struct Transcript: Sendable {
    public enum Line: Sendable {
        case clock(date: String, time: String, zone: String)
        case advance(seconds: Double)
        case person(role: String, handle: String, name: String)
        case plan(handle: String, date: String, spec: WorkoutSpec)
        case history(handle: String, days: Int, series: [(key: String, mean: Double, sd: Double)])
        case config(key: String, value: String)
        /// `@logs NAME Nd km=10 min=50 rpe=4`: one silent logged session a day on days −N..−1.
        case logs(handle: String, days: Int, session: LoggedSession)
        /// `@profile NAME key=value …`: profile facts, as the `profile` coach command sets them.
        case profile(handle: String, facts: [(key: String, value: String)])
        case input(handle: String, room: String?, text: String)
        case expect(room: String, pattern: Pattern)
        /// Blank lines and comments, kept so `--accept` can write the file back.
        case other
    }

    public enum Pattern: Sendable {
        case plain(String)
        case regex(String)
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var problem: String
        public var description: String { "line \(line): \(problem)" }
    }

    /// Each line with its 1-based number and original text.
    public var lines: [(number: Int, text: String, line: Line)]

    public init(text: String, workout: (String) -> WorkoutSpec?) throws {
        lines = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = i + 1
            let s = raw.trimmingCharacters(in: .whitespaces)
            if s.isEmpty || s.hasPrefix("#") {
                lines.append((n, String(raw), .other))
                continue
            }
            lines.append((n, String(raw), try Self.parse(s, line: n, workout: workout)))
        }
    }

    static func parse(_ s: String, line n: Int, workout: (String) -> WorkoutSpec?) throws -> Line {
        func fail(_ problem: String) -> ParseError { ParseError(line: n, problem: problem) }
        if s.hasPrefix(">") || s.hasPrefix("<") {
            let body = s.dropFirst().trimmingCharacters(in: .whitespaces)
            guard let colon = body.firstIndex(of: ":") else { throw fail("expected `NAME: text` after \(s.prefix(1))") }
            let who = String(body[..<colon]).trimmingCharacters(in: .whitespaces)
            let text = String(body[body.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            guard !who.isEmpty else { throw fail("missing the name before ':'") }
            if s.hasPrefix(">") {
                let parts = who.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard let handle = parts.first, !handle.isEmpty else { throw fail("missing the name before '@' in “\(who)”") }
                if parts.count > 1, parts[1].isEmpty { throw fail("missing the room after '@' in “\(who)”") }
                return .input(handle: handle, room: parts.count > 1 ? parts[1] : nil, text: text)
            }
            if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
                return .expect(room: who, pattern: .regex(String(text.dropFirst().dropLast())))
            }
            return .expect(room: who, pattern: .plain(text))
        }
        guard s.hasPrefix("@") else { throw fail("a line must start with @, >, < or # (got “\(s.prefix(20))”)") }
        let words = Self.words(s)
        switch words.first {
        case "@clock":
            guard words.count == 4 else { throw fail("usage: @clock YYYY-MM-DD HH:MM ZONE") }
            return .clock(date: words[1], time: words[2], zone: words[3])
        case "@advance":
            guard words.count == 2, let seconds = duration(words[1]) else { throw fail("usage: @advance 1d2h30m") }
            // A replay moves through time day by day: more than a year is a typo, not a scenario.
            guard seconds <= 366 * 86_400 else { throw fail("@advance \(words[1]) is more than a year") }
            return .advance(seconds: seconds)
        case "@athlete", "@coach", "@admin":
            guard words.count >= 2 else { throw fail("usage: \(words[0]) HANDLE \"Display Name\"") }
            return .person(role: String(words[0].dropFirst()), handle: words[1], name: words.count > 2 ? words[2...].joined(separator: " ") : words[1])
        case "@plan":
            guard words.count >= 4 else { throw fail("usage: @plan NAME DATE TYPE DURATION [\"description\"]") }
            let rest = words[3...].map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
            guard let spec = workout(rest) else { throw fail("unknown workout “\(rest)”") }
            return .plan(handle: words[1], date: words[2], spec: spec)
        case "@history":
            guard words.count >= 4, words[2].hasSuffix("d"), let days = Int(words[2].dropLast()), (1...3650).contains(days) else {
                throw fail("usage: @history NAME Nd key=mean±sd …")
            }
            var series: [(String, Double, Double)] = []
            for item in words[3...] {
                let kv = item.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, ["hrv", "rhr", "sleep"].contains(String(kv[0])) else { throw fail("“\(item)” should be hrv=, rhr= or sleep=") }
                let parts = kv[1].replacingOccurrences(of: "+-", with: "±").split(separator: "±", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count), let mean = Double(parts[0]), let sd = parts.count == 2 ? Double(parts[1]) : 0,
                      mean.isFinite, sd.isFinite, mean >= 0, sd >= 0 else {
                    throw fail("“\(item)” should look like hrv=60±5")
                }
                series.append((String(kv[0]), mean, sd))
            }
            return .history(handle: words[1], days: days, series: series)
        case "@logs":
            guard words.count >= 4, words[2].hasSuffix("d"), let days = Int(words[2].dropLast()), (1...3650).contains(days) else {
                throw fail("usage: @logs NAME Nd km=10 min=50 rpe=4 (N from 1 to 3650)")
            }
            var session = LoggedSession()
            for item in words[3...] {
                let kv = item.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, let v = Double(kv[1]), v >= 0 else { throw fail("“\(item)” should be km=, min= or rpe= with a number") }
                switch kv[0] {
                case "km": session.km = v
                case "min": session.minutes = v
                case "rpe": session.rpe = v
                default: throw fail("“\(item)” should be km=, min= or rpe=")
                }
            }
            return .logs(handle: words[1], days: days, session: session)
        case "@profile":
            guard words.count >= 3 else { throw fail("usage: @profile NAME key=value …") }
            var facts: [(String, String)] = []
            for item in words[2...] {
                guard let eq = item.firstIndex(of: "="), eq != item.startIndex else { throw fail("“\(item)” should be key=value") }
                facts.append((String(item[..<eq]), String(item[item.index(after: eq)...])))
            }
            return .profile(handle: words[1], facts: facts)
        case "@config":
            guard words.count == 2, let eq = words[1].firstIndex(of: "=") else { throw fail("usage: @config key=value") }
            return .config(key: String(words[1][..<eq]), value: String(words[1][words[1].index(after: eq)...]))
        default:
            throw fail("unknown directive \(words.first ?? s)")
        }
    }

    /// Splits on spaces, keeping "quoted text" whole (without the quotes).
    static func words(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for c in s {
            if c == "\"" {
                if quoted { out.append(current); current = "" }
                quoted.toggle()
            } else if c == " " && !quoted {
                if !current.isEmpty { out.append(current); current = "" }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// "30m", "2h", "1d", "1d2h30m" → seconds.
    static func duration(_ s: String) -> Double? {
        var total = 0.0
        var number = ""
        for c in s {
            if c.isNumber { number.append(c); continue }
            guard let n = Double(number) else { return nil }
            switch c {
            case "d": total += n * 86_400
            case "h": total += n * 3_600
            case "m": total += n * 60
            case "s": total += n
            default: return nil
            }
            number = ""
        }
        return number.isEmpty && total > 0 ? total : nil
    }
}
