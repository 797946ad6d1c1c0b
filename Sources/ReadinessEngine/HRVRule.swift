import CoachCore

/// Where today's ln(rMSSD) sits in the athlete's own normal range.
public enum HRVLevel: String, Sendable, Hashable {
    case normal
    /// Below mean − 1 SD.
    case low
    /// Below mean − 2 SD.
    case veryLow
    /// Above mean + 2 SD: a warning when RHR is up or the athlete is ill.
    case high

    public var isLow: Bool { self == .low || self == .veryLow }
}

/// HRV rules (HRV4Training, Plews et al.; Kiviniemi 2007): ln(rMSSD) against the last 60 days.
public enum HRVRule {
    public static let windowDays = 60
    public static let minReadings = 7
    public static let trendDays = 7
    /// Fewest readings in the 7-day window for a trend (our choice).
    public static let minTrendReadings = 3

    static func lnHRV(_ r: DailyRecord) -> Double? { r.metrics.hrvMs.flatMap(naturalLog) }

    /// Baseline of ln(rMSSD) over the 60 days before today; nil with fewer than 7 readings.
    static func baseline(_ idx: HistoryIndex) -> Baseline? {
        Baseline(values: idx.values(lastDays: windowDays, lnHRV), minimum: minReadings)
    }

    /// "building your baseline, N/7": readings so far including today's; nil once the baseline
    /// (7 readings before today) exists.
    public static func progress(previousReadings: Int, hasToday: Bool) -> Int? {
        previousReadings >= minReadings ? nil : min(previousReadings + (hasToday ? 1 : 0), minReadings)
    }

    /// Low below mean − 1 SD, very low below mean − 2 SD, high above mean + 2 SD.
    public static func level(ln: Double, baseline b: Baseline) -> HRVLevel {
        if ln < b.mean - 2 * b.sd { return .veryLow }
        if ln < b.mean - b.sd { return .low }
        if ln > b.mean + 2 * b.sd { return .high }
        return .normal
    }

    /// Low days in a row ending today, each judged against today's baseline. A day without a
    /// reading ends the run (our choice: we cannot call an unmeasured day low).
    static func consecutiveLowDays(_ idx: HistoryIndex, baseline: Baseline) -> Int {
        var n = 0
        while n < windowDays, let r = idx.record(daysAgo: n), let ln = lnHRV(r), level(ln: ln, baseline: baseline).isLow {
            n += 1
        }
        return n
    }

    /// 1 low day → reduce intensity (very low: easy aerobic); 2 → easy aerobic; 3+ → rest + alert.
    public static func consecutiveLow(days: Int, todayVeryLow: Bool) -> RuleFinding? {
        guard days >= 1 else { return nil }
        let base = todayVeryLow ? "HRV well below your normal range" : "HRV below your normal range"
        let reason = days == 1 ? base : base + " (\(Words.ordinal(days)) day in a row)"
        switch days {
        case 1:
            return RuleFinding(rule: "hrv.low", decision: todayVeryLow ? .easyAerobic : .reduceIntensity, reason: reason)
        case 2:
            return RuleFinding(rule: "hrv.low", decision: .easyAerobic, reason: reason)
        default:
            return RuleFinding(rule: "hrv.low", decision: .rest, reason: reason, alert: "HRV low \(days) days in a row")
        }
    }

    /// 7-day rolling mean (today and the 6 days before) of ln(rMSSD) below mean − 0.5 SD.
    static func trendDown(_ idx: HistoryIndex, baseline: Baseline) -> Bool {
        var sum = 0.0, n = 0
        for ago in 0..<trendDays {
            if let r = idx.record(daysAgo: ago), let ln = lnHRV(r) { sum += ln; n += 1 }
        }
        return isTrendDown(rollingMean: n >= minTrendReadings ? sum / Double(n) : nil, baseline: baseline)
    }

    public static func isTrendDown(rollingMean: Double?, baseline: Baseline) -> Bool {
        guard let m = rollingMean else { return false }
        return m < baseline.mean - 0.5 * baseline.sd
    }

    /// Mentioned in the reply and the coach digest; does not change the decision.
    public static func trend(_ down: Bool) -> RuleFinding? {
        down ? RuleFinding(rule: "hrv.trend", reason: "HRV trending down over the last week", category: .hrv, impact: -5) : nil
    }

    /// Unusually high HRV with elevated RHR or illness: parasympathetic saturation or illness
    /// coming on, not a good sign → reduce intensity (our choice of decision).
    public static func highWarning(level: HRVLevel, rhrElevated: Bool, ill: Bool) -> RuleFinding? {
        guard level == .high, rhrElevated || ill else { return nil }
        let with = rhrElevated ? "resting HR up" : "illness"
        return RuleFinding(rule: "hrv.high-warning", decision: .reduceIntensity,
                           reason: "HRV unusually high with \(with): a warning sign", category: .hrv, impact: -10)
    }

    /// Score points from today's z: down to −30 when low, up to +8 when high.
    public static func scoreImpact(z: Double) -> Int {
        z < 0 ? Int((max(z * 12, -30)).rounded()) : Int((min(z * 4, 8)).rounded())
    }
}
