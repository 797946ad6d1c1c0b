import CoachCore

/// How far today's resting HR sits above the 28-day mean (Polar: +5 bpm is elevated).
public enum RHRLevel: String, Sendable, Hashable {
    case normal
    /// +5 bpm or more.
    case elevated
    /// +10 bpm or more.
    case stronglyElevated

    public var isElevated: Bool { self != .normal }
}

/// Resting-HR rules: baseline = mean of the last 28 days (≥ 7 readings).
public enum RHRRule {
    public static let windowDays = 28
    public static let minReadings = 7
    public static let elevatedBpm = 5.0
    public static let stronglyElevatedBpm = 10.0

    static func baseline(_ idx: HistoryIndex) -> Baseline? {
        Baseline(values: idx.values(lastDays: windowDays) { $0.metrics.rhrBpm }, minimum: minReadings)
    }

    public static func level(delta: Double) -> RHRLevel {
        delta >= stronglyElevatedBpm ? .stronglyElevated : delta >= elevatedBpm ? .elevated : .normal
    }

    static func reason(delta: Double) -> String { "resting HR \(Words.signed(delta)) bpm over baseline" }

    /// RHR alone (our choice of decisions): +5 → reduce intensity, +10 → easy aerobic.
    public static func alone(delta: Double) -> RuleFinding? {
        switch level(delta: delta) {
        case .normal: return nil
        case .elevated: return RuleFinding(rule: "rhr.elevated", decision: .reduceIntensity, reason: reason(delta: delta))
        case .stronglyElevated: return RuleFinding(rule: "rhr.elevated", decision: .easyAerobic, reason: reason(delta: delta))
        }
    }

    /// HRV low and RHR elevated together weigh more than either alone: low + elevated → easy
    /// aerobic; very low + strongly elevated → rest and alert.
    public static func combined(hrv: HRVLevel, rhr: RHRLevel, delta: Double) -> RuleFinding? {
        guard hrv.isLow, rhr.isElevated else { return nil }
        if hrv == .veryLow && rhr == .stronglyElevated {
            return RuleFinding(rule: "hrv-rhr.combined", decision: .rest,
                               reason: "HRV very low and resting HR up together",
                               alert: "HRV very low and \(reason(delta: delta))")
        }
        return RuleFinding(rule: "hrv-rhr.combined", decision: .easyAerobic, reason: "HRV low and resting HR up together")
    }

    /// Score points: −2.5 per bpm above baseline (to −25), +3 when 2 bpm or more below.
    public static func scoreImpact(delta: Double) -> Int {
        delta > 0 ? Int(max(-delta * 2.5, -25).rounded()) : (delta <= -2 ? 3 : 0)
    }
}
