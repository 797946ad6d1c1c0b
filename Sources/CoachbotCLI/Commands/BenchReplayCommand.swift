import ArgumentParser
import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation

/// `coachbot bench replay`: a synthetic season through the real bot with a file database,
/// one transaction per message, the way the daemon runs it.
struct BenchReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Messages per second through the whole bot (target: 5,000/s).",
        discussion: "200 athletes × 180 days of check-ins, logs, questions and coach commands, generated deterministically."
    )

    @Option(help: "Athletes in the team.")
    var athletes = 200

    @Option(help: "Days in the season.")
    var days = 180

    @Option(help: "normal (survives a crash of coachbot) or full (also power loss: an fsync per message).")
    var durability = "normal"

    @Option(name: .long, help: ArgumentHelp("Vocabulary folder.", valueName: "DIR"))
    var intents: String?

    func run() throws {
        let path = BenchDatabase.temporaryPath("replay")
        defer { BenchDatabase.remove(path) }
        let store = try CoachStore(path: path, migrateUpTo: nil, durability: CoachStore.Durability(rawValue: durability) ?? .normal)
        let bot = Bot(store: store, parser: CheckinParser(vocabulary: try loadVocabulary(intents)))
        let start = Day(iso: "2026-03-02") ?? Day(ordinal: 20_500)
        let clock = TeamClock(zone: "Europe/Oslo") ?? TeamClock(timeZone: .current)
        try setUp(store, start: start)

        var rng = SplitMix64(seed: 180)
        var latencies: [Double] = []
        var replies = 0
        let timer = ContinuousClock()
        let began = timer.now
        for d in 0..<days {
            let day = start.adding(days: d)
            for message in messages(day: day, clock: clock, rng: &rng) {
                let t0 = timer.now
                replies += try bot.handle(message).count
                latencies.append((timer.now - t0).seconds * 1e6)
            }
        }
        let total = (timer.now - began).seconds
        latencies.sort()
        func p(_ q: Double) -> String { String(format: "%.0f", latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))]) }
        print("season: \(athletes) athletes × \(days) days = \(latencies.count) messages, \(replies) bot messages, durability \(durability)")
        print("throughput: \(Int(Double(latencies.count) / total)) messages/s (\(String(format: "%.1f", total)) s)")
        print("per message µs: p50 \(p(0.5))  p99 \(p(0.99))  max \(String(format: "%.0f", latencies.last ?? 0))")
    }

    private func setUp(_ store: CoachStore, start: Day) throws {
        let week: [WorkoutSpec] = [
            WorkoutSpec(type: .easy, minutes: 45), WorkoutSpec(type: .intervals, minutes: 60, description: "6x3min"),
            WorkoutSpec(type: .easy, minutes: 40), WorkoutSpec(type: .threshold, minutes: 60), WorkoutSpec(type: .rest),
            WorkoutSpec(type: .long, minutes: 100), WorkoutSpec(type: .recovery, minutes: 30),
        ]
        try store.write { db in
            try db.setTeamSetting(Bot.Setting.timeZone, "Europe/Oslo")
            _ = try db.upsertRoom(network: "bench", roomID: "coaches", kind: .coaches, person: nil)
            let coach = try db.upsertPerson(handle: "coach", displayName: "Coach", role: .coach, identity: Identity(network: "bench", address: "coach"), at: 0)
            _ = try db.upsertRoom(network: "bench", roomID: "coach", kind: .coachDirect, person: coach.id)
            for a in 0..<athletes {
                let p = try db.upsertPerson(handle: "a\(a)", displayName: "Athlete \(a)", role: .athlete, identity: Identity(network: "bench", address: "a\(a)"), at: 0)
                _ = try db.upsertRoom(network: "bench", roomID: "a\(a)", kind: .athleteDirect, person: p.id)
                for d in 0..<days { try db.setPlan(athlete: p.id, day: start.adding(days: d), workout: week[d % 7], source: .import) }
            }
        }
    }

    /// One day of the season in time order: morning check-ins, a few questions, coach commands
    /// at 10:00, evening logs.
    private func messages(day: Day, clock: TeamClock, rng: inout SplitMix64) -> [IncomingMessage] {
        var out: [IncomingMessage] = []
        func message(_ who: String, _ room: String, _ text: String, minute: Int) {
            out.append(IncomingMessage(network: "bench", room: room, sender: who, text: text,
                                       messageID: "\(day)-\(out.count)", time: clock.instant(of: day, minute: minute)))
        }
        for a in 0..<athletes {
            let hrv = 45 + rng.int(0...25), rhr = 44 + rng.int(0...8), sleep = 6 + rng.int(0...3)
            let texts = [
                "hrv \(hrv) rhr \(rhr) sleep \(sleep)", "hrv \(hrv), slept \(sleep)h30, legs a bit heavy",
                "rhr \(rhr) slept \(sleep)h badly, left achilles \(rng.int(1...5))/10", "hrv \(hrv) sleep \(sleep) stress \(rng.int(1...5))/5",
                "sov \(sleep) timmar, hrv \(hrv), trött",
            ]
            message("a\(a)", "a\(a)", texts[rng.int(0...(texts.count - 1))], minute: 360 + a % 180)
            if rng.int(0...9) == 0 { message("a\(a)", "a\(a)", ["today", "what's tomorrow?", "status", "week"][rng.int(0...3)], minute: 560) }
        }
        message("coach", "coaches", "team", minute: 600)
        message("coach", "coaches", "override a\(rng.int(0...(athletes - 1))) easy 40min", minute: 601)
        message("coach", "coaches", "approve a\(rng.int(0...(athletes - 1)))", minute: 602)
        for a in 0..<athletes where rng.int(0...9) < 8 {
            message("a\(a)", "a\(a)", "done \(rng.int(5...16))k easy \(rng.int(30...90))min rpe \(rng.int(2...8))", minute: 1080 + a % 120)
        }
        return out
    }
}
