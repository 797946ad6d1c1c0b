import CoachCore

/// Spec §6: when the rules send the athlete to a physio or doctor, or keep them from running
/// (cross-train or rest) for pain or illness below the neck two days running, the active program
/// is paused until the coach resumes it: a plan built for a healthy athlete must not keep
/// prescribing runs to an injured one.
public enum ProgramPause {
    /// Whether today's decision pauses the program. `yesterday` is yesterday's record with the
    /// decision settled on it (nil when there was none).
    public static func shouldPause(today: DailyRecord, decision: Decision, yesterday: DailyRecord?) -> Bool {
        if decision == .seePhysio { return true }
        guard noRunning(decision), belowNeck(today), let y = yesterday, let d = y.decision else { return false }
        return (noRunning(d) || d == .seePhysio) && belowNeck(y)
    }

    static func noRunning(_ d: Decision) -> Bool { d == .crossTrain || d == .rest }

    /// Pain anywhere but the neck, or an illness below the neck (fever counts, as the neck check says).
    static func belowNeck(_ r: DailyRecord) -> Bool {
        r.pain.contains { $0.location != .neck } || r.illness.contains(where: \.isBelowNeck) || (r.metrics.temperatureC ?? 0) >= 38
    }

    /// Cross-training lasts ~80% of the run it replaces (the seed's substitution).
    public static let crossShare = 0.8

    /// While paused, a planned run becomes the rules' alternative: cross-training for ~80% of
    /// its time (rest when the run had no duration); anything else stays.
    public static func substitute(_ planned: WorkoutSpec?) -> WorkoutSpec? {
        guard let planned, planned.type.isRun else { return planned }
        guard let minutes = planned.minutes else { return WorkoutSpec(type: .rest, description: "program paused") }
        return WorkoutSpec(type: .cross, minutes: max(10, Int((Double(minutes) * crossShare).rounded())), description: "program paused: cross-training instead of \(planned.description ?? planned.type.rawValue)")
    }
}
