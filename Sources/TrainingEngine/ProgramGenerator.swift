import CoachCore

/// A generated program: weeks base → build → peak → taper, one or more plan rows a day, the last
/// on race day. Pure: the request carries today, the caller decides whether to write it.
public struct Program: Sendable, Equatable {
    public var request: ProgramRequest
    public var weeks: [ProgramWeek]
    /// Whether the weekly volume reaches the requested peak at ≤ 10% a week (spec §5: if not,
    /// ACWR MEDIUM).
    public var reachesPeak: Bool

    public var sessions: [PlannedSession] { weeks.flatMap(\.sessions) }
    public var start: Day { request.start }
    /// Week 1's target km (ACWR's numerator).
    public var firstWeekKm: Double { weeks.first?.volumeKm ?? 0 }
    public var highestWeekKm: Double { weeks.map(\.volumeKm).max() ?? 0 }
}

/// Spec §5's volume rules, named once for the code, the tests and the docs.
public enum ProgramRule {
    /// Week-on-week rise cap between loading weeks.
    public static let maxRise = 1.10
    /// Deload week: ~70% of the loading week before it; every 4th week.
    public static let deload = 0.70
    /// Taper weeks: ~70% then ~50% of the highest loading week.
    public static let taper = [0.70, 0.50]
    /// Week 1 is at least this share of the peak.
    public static let firstWeekShareOfPeak = 0.60
}

public enum ProgramGenerator {
    /// The phase of each week: the taper's weeks last; of the rest base ≈ 40%, build ≈ 35%,
    /// peak the remainder (≈ 25%).
    public static func phases(weeks n: Int, taper: Int) -> [ProgramPhase] {
        guard n > 0 else { return [] }
        let t = min(taper, n), r = n - t
        let base = Int((0.40 * Double(r)).rounded()), build = min(r - base, Int((0.35 * Double(r)).rounded()))
        let peak = r - base - build
        return Array(repeating: .base, count: base) + Array(repeating: .build, count: build)
            + Array(repeating: .peak, count: peak) + Array(repeating: .taper, count: t)
    }

    /// Weekly target km and deload flags. Loading weeks rise at most 10% over the previous
    /// loading week, capped at the peak; every 4th week is a deload at ~70% of the loading week
    /// before it (the week after a deload is compared with that loading week, not the deload, so
    /// the program keeps progressing); taper at ~70% then ~50% of the highest loading week.
    public static func volumes(phases: [ProgramPhase], currentKm: Double, peakKm: Double) -> (km: [Double], deload: [Bool], reachesPeak: Bool) {
        let first = max(currentKm, ProgramRule.firstWeekShareOfPeak * peakKm)
        let top = max(peakKm, first)
        var km: [Double] = [], deload: [Bool] = []
        var lastLoad = first
        let loading = phases.filter { $0 != .taper }.count
        for i in 0..<loading {
            if i == 0 { km.append(first); deload.append(false); continue }
            if i % 4 == 3 && i != loading - 1 {
                km.append(ProgramRule.deload * lastLoad); deload.append(true)
            } else {
                lastLoad = min(top, lastLoad * ProgramRule.maxRise)
                km.append(lastLoad); deload.append(false)
            }
        }
        let highest = km.max() ?? first
        let taperCount = phases.count - loading
        let shares = taperCount == 1 ? [ProgramRule.taper[0]] : Array(ProgramRule.taper.prefix(taperCount)) + Array(repeating: ProgramRule.taper[1], count: max(0, taperCount - 2))
        for s in shares { km.append(s * highest); deload.append(false) }
        return (km, deload, highest >= top * 0.999)
    }

    /// The whole program. `analysis` (the latest test's) gives zone targets; `exercises` (the
    /// library) names the strength sessions.
    public static func generate(_ r: ProgramRequest, analysis: LactateAnalysis? = nil, exercises: [Exercise] = []) -> Program {
        let phases = phases(weeks: r.weekCount, taper: r.distance.taperWeeks)
        let v = volumes(phases: phases, currentKm: r.currentWeeklyKm, peakKm: r.targetPeakKm)
        var weeks: [ProgramWeek] = []
        for (i, phase) in phases.enumerated() {
            let start = r.start.adding(days: 7 * i)
            var week = ProgramWeek(number: i + 1, start: start, phase: phase, volumeKm: v.km[i], deload: v.deload[i], sessions: [])
            for d in 0..<7 {
                let day = start.adding(days: d)
                guard day <= r.raceDay else { break }
                week.sessions += SessionTemplate.sessions(day: day, weekday: d, week: week, request: r, analysis: analysis, exercises: exercises)
            }
            weeks.append(week)
        }
        return Program(request: r, weeks: weeks, reachesPeak: v.reachesPeak)
    }
}
