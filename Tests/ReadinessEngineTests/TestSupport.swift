import CoachCore
@testable import ReadinessEngine

/// Monday 2 March 2026: "today" in every test.
let today = Day(year: 2026, month: 3, day: 2)

/// A silent history like the transcript `@history` directive: days −N..−1, the oldest is i = 0,
/// mean + sd on even i and mean − sd on odd i.
func baselineHistory(
    days: Int = 28, hrv: (Double, Double)? = (60, 5), rhr: (Double, Double)? = (45, 2),
    sleep: (Double, Double)? = (7.5, 0.5)
) -> [DailyRecord] {
    (0..<days).map { i in
        let sign: Double = i % 2 == 0 ? 1 : -1
        let m = Metrics(
            hrvMs: hrv.map { $0.0 + sign * $0.1 }, rhrBpm: rhr.map { $0.0 + sign * $0.1 },
            sleepHours: sleep.map { $0.0 + sign * $0.1 })
        return DailyRecord(day: today.adding(days: i - days), metrics: m, decision: .asPlanned)
    }
}

/// Replaces (or adds) the record `daysAgo` days before today.
func with(_ history: [DailyRecord], daysAgo: Int, _ change: (inout DailyRecord) -> Void) -> [DailyRecord] {
    let day = today.adding(days: -daysAgo)
    var h = history
    if let i = h.firstIndex(where: { $0.day == day }) {
        change(&h[i])
    } else {
        var r = DailyRecord(day: day)
        change(&r)
        h.append(r)
    }
    return h
}

func assess(
    _ metrics: Metrics = Metrics(), pain: [Pain] = [], illness: [Illness] = [], sessions: [LoggedSession] = [],
    planned: WorkoutSpec? = WorkoutSpec(type: .easy, minutes: 45), history: [DailyRecord] = baselineHistory()
) -> Assessment {
    ReadinessEngine.assess(AssessmentInput(
        today: today,
        checkin: DailyRecord(day: today, metrics: metrics, pain: pain, illness: illness, sessions: sessions),
        planned: planned, history: history))
}

let threshold60 = WorkoutSpec(type: .threshold, minutes: 60, description: "6x5min at LT2", target: "LT2")
let intervals50 = WorkoutSpec(type: .intervals, minutes: 50, description: "8x400m")
let easy45 = WorkoutSpec(type: .easy, minutes: 45)
let normalMetrics = Metrics(hrvMs: 60, rhrBpm: 45, sleepHours: 7.5)

extension Baseline {
    /// A baseline with round numbers for boundary tests.
    static let unit = Baseline(mean: 4.0, sd: 0.1, count: 30)
}
