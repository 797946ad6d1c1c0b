import ArgumentParser
import ChatPipeline
import CoachCore
import CoachStore
import Foundation
import HTTPClient
import MatrixBot
import MatrixTransport
import TOMLKit

/// `coachbot bench matrix`: the daemon on the dev homeserver, measured from the athletes' side.
struct BenchMatrixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Reply latency, throughput and memory of the daemon on the dev homeserver.",
        discussion: """
            Needs `deploy/dev-homeserver start` (its config holds the test accounts). Runs this binary as \
            the daemon on a fresh database with a roster of --roster synthetic athletes (60 days of \
            history each) plus the dev accounts, then: latency of one check-in at a time (send → reply \
            seen by the athlete), throughput with every athlete sending at once, the bot-side processing \
            time per message (from the daemon's debug log), and the daemon's peak RSS. Targets: p95 \
            bot-side processing under 10 ms, RSS under 40 MB with 1,000 athletes.
            """
    )

    @Option(help: ArgumentHelp("The dev homeserver's config.", valueName: "FILE"))
    var config = ".dev-homeserver/coachbot.toml"

    @Option(help: "Synthetic athletes on the roster.")
    var roster = 1_000

    @Option(help: "Check-ins timed one at a time.")
    var latencySamples = 100

    @Option(help: "Check-ins per athlete in the throughput run.")
    var burst = 30

    @Flag(help: "Only the burst: every dev athlete sends --burst-count check-ins --gap-ms apart, all at once; the latency of each reply.")
    var burstOnly = false

    @Option(help: "Check-ins per athlete in the burst.")
    var burstCount = 20

    @Option(help: "Milliseconds between one athlete's check-ins in the burst.")
    var gapMs = 50

    func run() async throws {
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let toml = try TOMLTable(string: text)
        guard let hs = toml["matrix"]?.table?["homeserver"]?.string, let botUser = toml["matrix"]?.table?["user"]?.string,
              let passwords = toml["dev"]?.table?["passwords"]?.table else {
            throw CLIError("\(config) is not a dev homeserver config (run deploy/dev-homeserver start)")
        }
        let accounts: [(String, String, String)] = (toml["people"]?.array ?? TOMLArray()).compactMap { item in
            guard let p = item.table, p["role"]?.string == "athlete", let name = p["name"]?.string,
                  let room = p["direct_room"]?.string, let pw = passwords[name]?.string else { return nil }
            return (name, pw, room)
        }
        guard !accounts.isEmpty else { throw CLIError("no athletes with passwords in \(config)") }

        // A fresh database with a big roster.
        let db = BenchDatabase.temporaryPath("matrix")
        defer { BenchDatabase.remove(db, extra: [".log"]) }
        let store = try CoachStore(path: db)
        let today = Day(ordinal: Int(Date().timeIntervalSince1970 / 86_400))
        let history = (1...60).map { i in DailyRecord(day: today.adding(days: -i), metrics: Metrics(hrvMs: Double(55 + (i % 2 == 0 ? 5 : -5)), rhrBpm: 46, sleepHours: 7.5)) }
        try store.write { d in
            let ids = try d.insertSyntheticAthletes(count: roster, at: 0)
            try d.bulkInsertHistory(athleteIDs: ids, records: history)
        }
        try store.close()

        // The daemon: this same binary.
        FileManager.default.createFile(atPath: db + ".log", contents: nil)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        daemon.arguments = ["run", "--config", config, "--db", db, "--log-level", "debug"]
        daemon.standardError = FileHandle(forWritingAtPath: db + ".log")
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        let clock = ContinuousClock()
        let ready = clock.now + .seconds(60)
        while clock.now < ready, (try? CoachStore(path: db).read { try $0.syncValue(PipelineKey.cursor("matrix")) }) == nil {
            try await Task.sleep(for: .milliseconds(200))
        }

        let http = HTTPClient()
        var athletes: [(client: MatrixClient, room: String, since: String)] = []
        for (name, pw, room) in accounts {
            let c = MatrixClient(homeserver: hs, http: http)
            _ = try await c.login(user: name, password: pw)
            _ = try await c.sync(since: nil, filterID: nil, timeout: .zero)
            athletes.append((c, room, try await c.sync(since: nil, filterID: nil, timeout: .zero).nextBatch))
        }

        if burstOnly {
            let (latencies, answered, sent) = try await spacedBurst(athletes.map { ($0.client, $0.room, $0.since) }, botUser: botUser)
            let rssKB = Self.peakRSS(pid: daemon.processIdentifier)
            daemon.terminate()
            daemon.waitUntilExit()
            let inFlight = ProcessInfo.processInfo.environment["COACHBOT_MAX_IN_FLIGHT"] ?? "default (16)"
            print("burst: \(accounts.count) athletes × \(burstCount) check-ins, \(gapMs) ms apart; sends in flight: \(inFlight)")
            print("answered \(answered)/\(sent); reply latency (send → reply seen by the athlete), ms: p50 \(Self.percentile(latencies, 0.5))  p95 \(Self.percentile(latencies, 0.95))  p99 \(Self.percentile(latencies, 0.99))  max \(Self.percentile(latencies, 1))")
            print("daemon peak RSS: \(rssKB.map { String(format: "%.1f MB", Double($0) / 1024) } ?? "n/a")")
            return
        }

        // Latency: one check-in at a time, until the athlete sees the reply.
        var latencies: [Double] = []
        for i in 0..<latencySamples {
            var a = athletes[i % athletes.count]
            let t0 = clock.now
            let id = try await a.client.send(roomID: a.room, txnID: MatrixClient.randomTransactionID(),
                                             content: RoomMessageContent(text: "hrv \(50 + i % 20) sleep 7"))
            var seen = false
            while !seen, clock.now - t0 < .seconds(30) {
                let s = try await a.client.sync(since: a.since, filterID: nil, timeout: .seconds(10))
                a.since = s.nextBatch
                seen = s.rooms?.join?[a.room]?.timeline?.events.contains { $0.sender == botUser && $0.content["m.relates_to"]?["m.in_reply_to"]?["event_id"]?.string == id } ?? false
            }
            athletes[i % athletes.count] = a
            latencies.append((clock.now - t0).seconds * 1000)
        }

        // Throughput: every athlete sends `burst` check-ins at once.
        let t0 = clock.now
        let sentIDs = try await withThrowingTaskGroup(of: [String].self) { group in
            for a in athletes {
                group.addTask {
                    var ids: [String] = []
                    for i in 0..<burst {
                        ids.append(try await a.client.send(roomID: a.room, txnID: MatrixClient.randomTransactionID(),
                                                           content: RoomMessageContent(text: "rhr \(44 + i % 8) slept \(6 + i % 3)h")))
                    }
                    return ids
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        let wanted = Set(sentIDs)
        var answered = Set<String>()
        while answered.count < wanted.count, clock.now - t0 < .seconds(120) {
            for i in athletes.indices {
                var from: String? = athletes[i].since
                for _ in 0..<50 {
                    let page = try await athletes[i].client.messages(roomID: athletes[i].room, from: from, direction: .forward, limit: 100)
                    for e in page.chunk where e.sender == botUser {
                        if let r = e.content["m.relates_to"]?["m.in_reply_to"]?["event_id"]?.string, wanted.contains(r) { answered.insert(r) }
                    }
                    guard !page.chunk.isEmpty, let end = page.end else { break }
                    from = end
                }
            }
            if answered.count < wanted.count { try await Task.sleep(for: .milliseconds(200)) }
        }
        let throughputSeconds = (clock.now - t0).seconds
        let rssKB = Self.peakRSS(pid: daemon.processIdentifier)
        daemon.terminate()
        daemon.waitUntilExit()

        let processing = Self.processingTimes(log: db + ".log")
        func pct(_ v: [Double], _ q: Double) -> String {
            let s = v.sorted()
            return s.isEmpty ? "n/a" : String(format: "%.1f", s[min(s.count - 1, Int(Double(s.count) * q))])
        }
        print("daemon: roster \(roster + accounts.count) athletes, \(accounts.count) sending, homeserver \(hs)")
        print("reply latency (send → reply seen by the athlete), ms: p50 \(pct(latencies, 0.5))  p95 \(pct(latencies, 0.95))  p99 \(pct(latencies, 0.99))")
        print("bot-side processing per message (bot core + commit), ms: p50 \(pct(processing, 0.5))  p95 \(pct(processing, 0.95))  p99 \(pct(processing, 0.99))  (\(processing.count) batches)")
        print("throughput: \(answered.count) of \(wanted.count) check-ins from \(accounts.count) athletes answered in \(String(format: "%.1f", throughputSeconds)) s = \(String(format: "%.0f", Double(answered.count) / throughputSeconds)) messages/s")
        print("daemon peak RSS: \(rssKB.map { String(format: "%.1f MB", Double($0) / 1024) } ?? "n/a")")
    }

    /// Every athlete at once sends `burstCount` check-ins `gapMs` apart while watching for the
    /// replies; returns each reply's latency in ms, and the counts.
    func spacedBurst(_ athletes: [(MatrixClient, String, String)], botUser: String) async throws -> ([Double], Int, Int) {
        enum Times: Sendable {
            case sent([String: ContinuousClock.Instant])
            case seen([String: ContinuousClock.Instant])
        }
        let clock = ContinuousClock()
        let (count, gap) = (burstCount, gapMs)
        return try await withThrowingTaskGroup(of: [Double].self) { group in
            for (client, room, since) in athletes {
                group.addTask {
                    var sent: [String: ContinuousClock.Instant] = [:], seen: [String: ContinuousClock.Instant] = [:]
                    try await withThrowingTaskGroup(of: Times.self) { pair in
                        pair.addTask {
                            var sent: [String: ContinuousClock.Instant] = [:]
                            for i in 0..<count {
                                let t = clock.now
                                sent[try await client.send(roomID: room, txnID: MatrixClient.randomTransactionID(),
                                                           content: RoomMessageContent(text: "hrv \(48 + i % 10) sleep 7 #\(i)"))] = t
                                try await Task.sleep(for: .milliseconds(gap))
                            }
                            return .sent(sent)
                        }
                        pair.addTask {
                            var seen: [String: ContinuousClock.Instant] = [:]
                            var token = since
                            let end = clock.now + .seconds(120)
                            while seen.count < count, clock.now < end {
                                let s = try await client.sync(since: token, filterID: nil, timeout: .seconds(5))
                                token = s.nextBatch
                                for e in s.rooms?.join?[room]?.timeline?.events ?? [] where e.sender == botUser {
                                    if let r = e.content["m.relates_to"]?["m.in_reply_to"]?["event_id"]?.string, seen[r] == nil { seen[r] = clock.now }
                                }
                            }
                            return .seen(seen)
                        }
                        for try await times in pair {
                            switch times {
                            case .sent(let m): sent = m
                            case .seen(let m): seen = m
                            }
                        }
                    }
                    return sent.compactMap { id, t0 in seen[id].map { ($0 - t0).inSeconds * 1000 } }
                }
            }
            var all: [Double] = []
            for try await latencies in group { all += latencies }
            return (all, all.count, athletes.count * count)
        }
    }

    static func percentile(_ values: [Double], _ q: Double) -> String {
        let s = values.sorted()
        return s.isEmpty ? "n/a" : String(format: "%.0f", s[min(s.count - 1, Int(Double(s.count) * q))])
    }

    /// VmHWM of a process, in kB.
    static func peakRSS(pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "")
    }

    /// Per-message processing times from the daemon's `matrix batch committed` debug lines.
    static func processingTimes(log path: String) -> [Double] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { $0.contains("batch committed") }.compactMap { line in
            func value(_ key: String) -> Double? {
                guard let r = line.range(of: key + "=") else { return nil }
                return Double(line[r.upperBound...].prefix { $0 == "." || $0.isNumber })
            }
            guard let ms = value("ms"), let events = value("messages"), events > 0 else { return nil }
            return ms / events
        }
    }
}

