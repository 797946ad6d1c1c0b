import ChatPipeline
import CheckinParser
import CoachCore
import CoachStore
import Foundation

/// Replays a transcript against the real bot on a fake clock and a fresh temporary database,
/// through the same pipeline commit as the daemon (an in-process network), and checks every
/// message against the expectations that follow its input.
public struct TranscriptRunner: Sendable {
    public let parser: CheckinParser
    static let network = "transcript"

    public init(parser: CheckinParser) {
        self.parser = parser
    }

    public struct Result: Sendable {
        public var path: String
        public var failures: [String]
        /// The file with its expectations rewritten from what the bot said (`--accept`).
        public var accepted: String
        public var passed: Bool { failures.isEmpty }
    }

    public func run(path: String) throws -> Result {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try run(text: text, path: path)
    }

    public func run(text: String, path: String) throws -> Result {
        let transcript: Transcript
        do {
            transcript = try Transcript(text: text, workout: parser.workout)
        } catch {
            return Result(path: path, failures: ["\(path): \(error)"], accepted: text)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try CoachStore(path: dir.appendingPathComponent("replay.sqlite").path)
        defer { try? store.close() }
        let bot = Bot(store: store, parser: parser)
        let pipeline = InlinePipeline(store: SQLitePipelineStore(store: store, handler: bot), network: Self.network)
        try store.write { db in
            _ = try db.upsertRoom(network: Self.network, roomID: "coaches", kind: .coaches, person: nil)
        }

        var time = 0.0
        var started = false
        var clock = TeamClock(timeZone: TimeZone(identifier: "UTC") ?? .current)
        var failures: [String] = []
        var output: [String] = []
        var block: (line: Int, messages: [OutgoingMessage])?
        var expectations: [(line: Int, room: String, pattern: Transcript.Pattern)] = []

        func closeBlock() {
            if let b = block {
                failures += Self.verify(b.messages, expectations, after: b.line, path: path)
            } else {
                for e in expectations { failures.append("\(path):\(e.line): an expectation before any input") }
            }
            block = nil
            expectations = []
        }
        func emit(_ messages: [OutgoingMessage], after line: Int) {
            for m in messages {
                output.append("< \(m.room): " + m.text.replacingOccurrences(of: "\n", with: "\\n"))
            }
            block = (line, messages)
        }

        for (n, raw, line) in transcript.lines {
            if case .expect = line {} else { output.append(raw) }
            // Whatever a line makes the store or the bot refuse becomes a failure naming the
            // file and line; the replay goes on with the next line.
            do {
            switch line {
            case .other: continue
            case .expect(let room, let pattern):
                expectations.append((n, room, pattern))
            case .clock(let date, let hhmm, let zone):
                guard let day = Day(iso: date), let minute = TeamClock.minuteOfDay(hhmm), let c = TeamClock(zone: zone) else {
                    failures.append("\(path):\(n): @clock needs YYYY-MM-DD HH:MM ZONE (a real date, time and IANA zone)")
                    continue
                }
                clock = c
                time = clock.instant(of: day, minute: minute)
                try store.write { db in try db.setTeamSetting(Bot.Setting.timeZone, zone) }
            case .config(let key, let value):
                try store.write { db in try db.setTeamSetting(key, value) }
            case .person(let role, let handle, let name):
                try store.write { db in
                    let person = try db.upsertPerson(handle: handle, displayName: name, role: Role(rawValue: role) ?? .athlete,
                                                     identity: Identity(network: Self.network, address: handle), at: time)
                    _ = try db.upsertRoom(network: Self.network, roomID: handle, kind: role == "athlete" ? .athleteDirect : .coachDirect, person: person.id)
                }
            case .plan(let handle, let date, let spec):
                guard let day = Day.resolve(date, today: clock.day(at: time)) else {
                    failures.append("\(path):\(n): @plan date “\(date)” should be today, +Nd or YYYY-MM-DD")
                    continue
                }
                try store.write { db in
                    guard let p = try db.findPerson(handle: handle) else { throw StoreError.notFound("no athlete “\(handle)” declared") }
                    try db.setPlan(athlete: p.id, day: day, workout: spec, source: .command)
                }
            case .history(let handle, let days, let series):
                let today = clock.day(at: time)
                let records = (0..<days).map { i -> DailyRecord in
                    var m = Metrics()
                    for (key, mean, sd) in series {
                        let v = i % 2 == 0 ? mean + sd : mean - sd
                        switch key {
                        case "hrv": m.hrvMs = v
                        case "rhr": m.rhrBpm = v
                        default: m.sleepHours = v
                        }
                    }
                    return DailyRecord(day: today.adding(days: i - days), metrics: m)
                }
                try store.write { db in
                    guard let p = try db.findPerson(handle: handle) else { throw StoreError.notFound("no athlete “\(handle)” declared") }
                    try db.bulkInsertHistory(athlete: p.id, records: records)
                }
            case .logs(let handle, let days, let session):
                let today = clock.day(at: time)
                try store.write { db in
                    guard let p = try db.findPerson(handle: handle) else { throw StoreError.notFound("\(path):\(n): no athlete “\(handle)” declared") }
                    for i in 1...days {
                        try db.logSession(athlete: p.id, day: today.adding(days: -i), session: session, rawText: nil, at: time)
                    }
                }
            case .profile(let handle, let facts):
                try store.write { db in
                    guard let p = try db.findPerson(handle: handle) else { throw StoreError.notFound("\(path):\(n): no athlete “\(handle)” declared") }
                    for (key, value) in facts { try db.setProfileFact(athlete: p.id, key: key, value: value) }
                }
            case .input(let handle, let room, let text):
                closeBlock()
                let message = IncomingMessage(network: Self.network, room: room ?? handle, sender: handle, text: text,
                                              messageID: "$line\(n)", time: time)
                // The bot starts with the first input: a late start owes the day's missed-check-in alert,
                // which the first commit computes (it has no earlier tick to count from).
                started = true
                emit(try pipeline.submit([message], at: time), after: n)
            case .advance(let seconds):
                closeBlock()
                let owed = started ? [] : try pipeline.submit([], at: time)
                started = true
                time += seconds
                emit(owed + (try pipeline.submit([], at: time)), after: n)
            }
            } catch {
                failures.append("\(path):\(n): \(error)")
            }
        }
        closeBlock()
        return Result(path: path, failures: failures, accepted: output.joined(separator: "\n"))
    }

    static func verify(_ messages: [OutgoingMessage], _ expectations: [(line: Int, room: String, pattern: Transcript.Pattern)],
                       after trigger: Int, path: String) -> [String] {
        var failures: [String] = []
        var rooms: [String] = []
        for r in messages.map(\.room) + expectations.map(\.room) where !rooms.contains(r) { rooms.append(r) }
        for room in rooms {
            let sent = messages.filter { $0.room == room }.map(\.text)
            let wanted = expectations.filter { $0.room == room }
            for i in 0..<max(sent.count, wanted.count) {
                if i < sent.count, i < wanted.count {
                    if !matches(wanted[i].pattern, sent[i]) {
                        failures.append("\(path):\(wanted[i].line): expected in \(room): \(show(wanted[i].pattern))\n    the bot sent: \(sent[i].replacingOccurrences(of: "\n", with: "\\n"))")
                    }
                } else if i < wanted.count {
                    failures.append("\(path):\(wanted[i].line): expected in \(room): \(show(wanted[i].pattern))\n    the bot sent nothing (more) to \(room) after line \(trigger)")
                } else {
                    failures.append("\(path):\(trigger): the bot sent to \(room) a message no expectation matches:\n    \(sent[i].replacingOccurrences(of: "\n", with: "\\n"))")
                }
            }
        }
        return failures
    }

    static func show(_ p: Transcript.Pattern) -> String {
        switch p {
        case .plain(let s): return s
        case .regex(let r): return "/\(r)/"
        }
    }

    /// Plain: contained, ignoring case and runs of white space (`\n` is a line break).
    /// Regex: a case-insensitive regular expression found in the message.
    static func matches(_ pattern: Transcript.Pattern, _ text: String) -> Bool {
        switch pattern {
        case .plain(let p):
            return normalize(text).contains(normalize(p.replacingOccurrences(of: "\\n", with: "\n")))
        case .regex(let r):
            guard let regex = try? NSRegularExpression(pattern: r, options: [.caseInsensitive]) else { return false }
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    static func normalize(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
