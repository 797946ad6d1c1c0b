import CoachCore

/// Compliance of a week (spec §8): done ÷ planned minutes; within ±20% green, 50–79% or
/// 121–150% amber, otherwise red.
public enum ComplianceColour: String, Sendable, Equatable {
    case green, amber, red

    /// The colour of a done ÷ planned ratio, judged on the whole percent.
    public init(ratio: Double) {
        let pct = Int((ratio * 100).rounded())
        switch pct {
        case 80...120: self = .green
        case 50...79, 121...150: self = .amber
        default: self = .red
        }
    }
}

/// One 7-day block: what was planned and what was done.
public struct WeekProgress: Sendable, Equatable {
    public var start: Day
    public var end: Day
    public var plannedSessions = 0
    public var plannedKm = 0.0
    public var plannedMinutes = 0.0
    public var doneSessions = 0
    public var doneKm = 0.0
    public var doneMinutes = 0.0

    /// Done ÷ planned minutes; nil when nothing with a duration was planned.
    public var compliance: Double? { plannedMinutes > 0 ? doneMinutes / plannedMinutes : nil }
    public var colour: ComplianceColour? { compliance.map(ComplianceColour.init(ratio:)) }
}

/// Foster's monotony and strain over the last 7 daily loads (session-RPE; rest days 0).
public struct Monotony: Sendable, Equatable {
    public var weeklyLoad: Double
    /// Mean ÷ population SD; nil when the SD is 0 (no load, or the same load every day).
    public var monotony: Double?
    /// Weekly load × monotony.
    public var strain: Double? { monotony.map { $0 * weeklyLoad } }
    /// Monotony above 2.0 (Foster 1998/2001); the same non-zero load every day (SD 0) is the
    /// most monotonous week there is, so it is flagged too.
    public var flagged: Bool { monotony.map { $0 > 2.0 } ?? (weeklyLoad > 0) }

    public init(loads: [Double]) {
        let n = Double(max(1, loads.count))
        weeklyLoad = loads.reduce(0, +)
        let mean = weeklyLoad / n
        let variance = loads.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let sd = variance.squareRoot()
        monotony = sd > 1e-9 ? mean / sd : nil
    }
}

/// The last four weeks of an athlete (spec §8), from plans and logged sessions. Pure.
public struct ProgressReport: Sendable, Equatable {
    /// Oldest first; the last block ends today.
    public var weeks: [WeekProgress]
    /// Minutes done on days whose plan has a zone, by zone.
    public var zoneMinutes: [Int: Double]
    /// Minutes done on days without a zoned plan.
    public var unzonedMinutes: Double
    public var monotony: Monotony

    /// Four 7-day blocks ending today (rolling, so the current block is complete up to today:
    /// our choice, so that compliance never compares a part-week with a full one).
    public static func make(today: Day, plans: [(day: Day, workout: WorkoutSpec)], sessions: [(day: Day, session: LoggedSession)]) -> ProgressReport {
        let first = today.adding(days: -27)
        var weeks = (0..<4).map { i in WeekProgress(start: first.adding(days: 7 * i), end: first.adding(days: 7 * i + 6)) }
        func block(_ d: Day) -> Int? {
            let offset = d.ordinal - first.ordinal
            return (0..<28).contains(offset) ? offset / 7 : nil
        }
        var planByDay: [Day: WorkoutSpec] = [:]
        for (day, w) in plans {
            planByDay[day] = w
            guard let b = block(day), w.type != .rest else { continue }
            weeks[b].plannedSessions += 1
            weeks[b].plannedKm += w.km ?? 0
            weeks[b].plannedMinutes += Double(w.minutes ?? 0)
        }
        var zoneMinutes: [Int: Double] = [:]
        var unzoned = 0.0
        // The last 7 days end today once today has a session, else yesterday (today is not over).
        let lastLoadDay = sessions.contains { $0.day == today } ? today : today.adding(days: -1)
        var loads = [Double](repeating: 0, count: 7)
        for (day, s) in sessions {
            let ago = lastLoadDay.ordinal - day.ordinal
            if (0..<7).contains(ago) { loads[6 - ago] += s.load }
            guard let b = block(day) else { continue }
            weeks[b].doneSessions += 1
            weeks[b].doneKm += s.km ?? 0
            weeks[b].doneMinutes += s.minutes ?? 0
            let plan = planByDay[day]
            let zone = plan.flatMap { p in [p.description, p.target].compactMap { $0 }.lazy.compactMap(ZoneToken.zone(in:)).first ?? p.type.zone }
            if let zone { zoneMinutes[zone, default: 0] += s.minutes ?? 0 } else { unzoned += s.minutes ?? 0 }
        }
        return ProgressReport(weeks: weeks, zoneMinutes: zoneMinutes, unzonedMinutes: unzoned, monotony: Monotony(loads: loads))
    }
}
