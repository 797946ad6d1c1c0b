import ArgumentParser
import CoachCore
import CoachStore
import Foundation
import Conversation
import ReadinessEngine

/// `coachbot bench assess`: one assessment = load the athlete's 60-day history and today's plan
/// from a file database, then run the rules. Measured over a synthetic team of 10,000 athletes
/// with two years of daily history each.
struct BenchAssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assessment latency on a big synthetic team (target: p95 under 2 ms).",
        discussion: "Builds the database once (minutes; reused with --db PATH when it exists), then times assessments of random athletes."
    )

    @Option(help: "Athletes in the synthetic team.")
    var athletes = 10_000

    @Option(help: "Days of daily history per athlete.")
    var days = 730

    @Option(help: "Assessments to time.")
    var samples = 5_000

    @Option(name: .long, help: ArgumentHelp("Database file to build or reuse (default: a temporary file, removed after).", valueName: "PATH"))
    var db: String?

    func run() throws {
        let path = db ?? BenchDatabase.temporaryPath("assess")
        defer { if db == nil { BenchDatabase.remove(path) } }
        let store = try CoachStore(path: path)
        let today = Day(iso: "2026-11-21") ?? Day(ordinal: 20_000)
        let clock = ContinuousClock()

        var ids = try store.read { d in try d.roster(role: .athlete).map(\.id) }
        if ids.count < athletes {
            let start = clock.now
            ids = try build(store, today: today)
            print("built \(athletes) athletes × \(days) days in \(String(format: "%.1f", (clock.now - start).seconds)) s")
        }

        var rng = SplitMix64(seed: 7)
        var latencies: [Double] = []
        latencies.reserveCapacity(samples)
        var decisions: [Decision: Int] = [:]
        for _ in 0..<samples {
            let athlete = ids[rng.int(0...(ids.count - 1))]
            let t0 = clock.now
            let verdict = try store.read { d -> Readiness in
                let history = try d.history(athlete: athlete, from: today.adding(days: -60), to: today.adding(days: -1))
                let planned = try d.plan(athlete: athlete, day: today)
                let checkin = DailyRecord(day: today, metrics: Metrics(hrvMs: 55, rhrBpm: 47, sleepHours: 7))
                return ReadinessEngine.assess(AssessmentInput(today: today, checkin: checkin, planned: planned, history: history))
            }
            latencies.append((clock.now - t0).seconds * 1000)
            decisions[verdict.decision, default: 0] += 1
        }
        latencies.sort()
        func p(_ q: Double) -> String { String(format: "%.3f", latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))]) }
        let size = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
        print("assessments: \(samples) of random athletes (60-day history + plan + rules, file database)")
        print("latency ms: p50 \(p(0.50))  p95 \(p(0.95))  p99 \(p(0.99))  max \(String(format: "%.3f", latencies.last ?? 0))")
        print("database: \(athletes) athletes × \(days) days, \(String(format: "%.2f", Double(size) / 1_073_741_824)) GiB")
        print("decisions: " + decisions.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
    }

    /// Realistic-looking daily series (HRV, RHR, sleep, wellness, sessions), a handful of
    /// patterns shared round-robin so building 7 million rows stays quick.
    private func build(_ store: CoachStore, today: Day) throws -> [PersonID] {
        let patterns = (0..<16).map { pattern(seed: UInt64($0), today: today) }
        let ids = try store.write { d in try d.insertSyntheticAthletes(count: athletes, at: 0) }
        for chunk in stride(from: 0, to: ids.count, by: 200) {
            try store.write { d in
                for (i, id) in ids[chunk..<min(chunk + 200, ids.count)].enumerated() {
                    try d.bulkInsertHistory(athlete: id, records: patterns[(chunk + i) % patterns.count])
                    try d.setPlan(athlete: id, day: today, workout: WorkoutSpec(type: .threshold, minutes: 60), source: .seed)
                }
            }
        }
        return ids
    }

    private func pattern(seed: UInt64, today: Day) -> [DailyRecord] {
        var rng = SplitMix64(seed: seed)
        let hrvBase = Double(rng.int(40...80)), rhrBase = Double(rng.int(40...55))
        return (0..<days).map { i in
            let day = today.adding(days: i - days)
            let noise = { (scale: Int) -> Double in Double(rng.int(-scale...scale)) }
            let metrics = Metrics(
                hrvMs: hrvBase + noise(8), rhrBpm: rhrBase + noise(3), sleepHours: 7.5 + noise(10) / 10,
                sleepQuality: Score(value: Double(rng.int(2...5)), outOf: 5), fatigue: Score(value: Double(rng.int(1...4)), outOf: 5))
            let session = day.weekday == 4 ? [] : [LoggedSession(minutes: Double(rng.int(30...90)), km: Double(rng.int(5...18)), rpe: Double(rng.int(3...8)))]
            return DailyRecord(day: day, metrics: metrics, sessions: session, decision: .asPlanned)
        }
    }
}
