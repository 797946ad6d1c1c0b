import CoachCore
import Foundation

/// Seeded randomness for the demo team.
extension SplitMix64 {
    /// Normal(mean, sd) by Box–Muller.
    public mutating func normal(_ mean: Double, _ sd: Double) -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// The demo team: a coach and three athletes with 60 days of history and a four-week plan.
public struct DemoTeam: Sendable {
    public struct Member: Sendable, Hashable {
        public var handle: String
        public var displayName: String
        public var role: Role
    }

    public struct Athlete: Sendable {
        public var member: Member
        /// Days −60…−1, oldest first: check-in facts and logged sessions.
        public var history: [DailyRecord]
        /// Today … today + 27.
        public var plan: [(day: Day, workout: WorkoutSpec)]
    }

    public var coach: Member
    public var athletes: [Athlete]
    public var today: Day

    /// The days of history generated before `today`.
    public static let historyDays = 60
    /// The days of plan generated from `today`.
    public static let planDays = 28

    /// The weekly pattern, Monday first.
    static let week: [WorkoutSpec] = [
        WorkoutSpec(type: .easy, minutes: 45, km: 8, description: "easy run", target: "conversational, RPE 3-4"),
        WorkoutSpec(type: .intervals, minutes: 60, km: 11, description: "6x3min at 5k pace, 2min jog", target: "VO2max"),
        WorkoutSpec(type: .easy, minutes: 50, km: 9, description: "easy run + strides", target: "RPE 3"),
        WorkoutSpec(type: .threshold, minutes: 60, km: 12, description: "3x10min at LT2, 2min jog", target: "LT2"),
        WorkoutSpec(type: .rest, description: "rest day"),
        WorkoutSpec(type: .long, minutes: 100, km: 19, description: "long run", target: "steady, RPE 4-5"),
        WorkoutSpec(type: .recovery, minutes: 35, km: 6, description: "recovery jog", target: "very easy"),
    ]

    /// Builds the team for `today`; the same `today` always gives the same data.
    public static func make(today: Day) -> DemoTeam {
        let specs: [(String, String, Double, Double, UInt64)] = [
            ("alice", "Alice Berg", 58, 47, 1), ("erik", "Erik Sund", 52, 50, 2), ("maja", "Maja Ek", 62, 46, 3),
        ]
        let athletes = specs.map { handle, name, hrv, rhr, seed in
            var rng = SplitMix64(seed: 0xC0AC_4B07 &+ seed &* 7919 &+ UInt64(truncatingIfNeeded: today.ordinal))
            return Athlete(
                member: Member(handle: handle, displayName: name, role: .athlete),
                history: history(today: today, hrv: hrv, rhr: rhr, rng: &rng),
                plan: (0..<planDays).map { offset in
                    let day = today.adding(days: offset)
                    return (day, week[day.weekday])
                })
        }
        return DemoTeam(coach: Member(handle: "bob", displayName: "Bob Lind", role: .coach),
                        athletes: athletes, today: today)
    }

    static func history(today: Day, hrv: Double, rhr: Double, rng: inout SplitMix64) -> [DailyRecord] {
        var records: [DailyRecord] = []
        var hrvDrift = 0.0
        for offset in stride(from: historyDays, through: 1, by: -1) {
            let day = today.adding(days: -offset)
            let planned = week[day.weekday]
            hrvDrift = 0.7 * hrvDrift + rng.normal(0, 3)
            func clampScore(_ x: Double) -> Score { Score(value: min(5, max(1, x.rounded())), outOf: 5) }
            let metrics = Metrics(
                hrvMs: ((hrv + hrvDrift + rng.normal(0, 6)) * 10).rounded() / 10,
                rhrBpm: (rhr + rng.normal(0, 2)).rounded(),
                sleepHours: ((6.5 + rng.unit() * 2) * 4).rounded() / 4,
                sleepQuality: clampScore(rng.normal(3.8, 0.8)),
                fatigue: clampScore(rng.normal(2.5, 0.8)),
                stress: clampScore(rng.normal(2.3, 0.8)),
                mood: clampScore(rng.normal(3.9, 0.7)),
                motivation: clampScore(rng.normal(4.0, 0.7)))
            var soreness: [Soreness] = []
            if rng.unit() < 0.12 {
                let spots: [BodyLocation] = [.calf, .quadriceps, .hamstring, .legs, .glute]
                soreness = [Soreness(location: spots[Int(rng.unit() * Double(spots.count))], side: rng.unit() < 0.5 ? .left : nil)]
            }
            var sessions: [LoggedSession] = []
            if planned.type != .rest, rng.unit() < 0.92 {
                let minutes = Double(planned.minutes ?? 45) * (0.9 + rng.unit() * 0.2)
                let rpe: Double = planned.type.isHard ? 6 + (rng.unit() * 3).rounded() : 3 + (rng.unit() * 2).rounded()
                sessions = [LoggedSession(minutes: minutes.rounded(), km: ((planned.km ?? 8) * minutes / Double(planned.minutes ?? 45) * 10).rounded() / 10,
                                          rpe: rpe, isRun: planned.type.isRun)]
            }
            // Some mornings the athlete forgets to check in.
            let checkedIn = rng.unit() < 0.9
            records.append(DailyRecord(day: day, metrics: checkedIn ? metrics : Metrics(),
                                       soreness: checkedIn ? soreness : [], sessions: sessions,
                                       decision: checkedIn ? .asPlanned : nil))
        }
        return records
    }
}
