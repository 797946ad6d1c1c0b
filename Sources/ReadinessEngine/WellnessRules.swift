import CoachCore

/// The self-reported metrics the wellness rules read, with which way is bad.
public enum WellnessMetric: String, Sendable, Hashable, CaseIterable {
    case sleepHours = "sleep"
    case sleepQuality = "sleep quality"
    case fatigue, stress, mood, motivation

    /// +1 when higher is worse (fatigue, stress), −1 when lower is worse.
    public var badDirection: Double { self == .fatigue || self == .stress ? 1 : -1 }

    var category: ScoreCategory { self == .sleepHours || self == .sleepQuality ? .sleep : .wellness }

    /// Value on one scale: hours for sleep, 1...5 for scores (`Score.onFivePointScale`).
    func value(_ m: Metrics) -> Double? {
        switch self {
        case .sleepHours: return m.sleepHours
        case .sleepQuality: return m.sleepQuality?.onFivePointScale
        case .fatigue: return m.fatigue?.onFivePointScale
        case .stress: return m.stress?.onFivePointScale
        case .mood: return m.mood?.onFivePointScale
        case .motivation: return m.motivation?.onFivePointScale
        }
    }
}

/// Sleep and wellness rules: fixed thresholds plus z-scores against the athlete's own 28 days.
public enum WellnessRules {
    public static let zWindowDays = 28
    /// Fewest readings for a personal z-score (our choice, same as the RHR baseline).
    public static let zMinReadings = 7
    /// Flagged metrics that together reduce intensity (our choice).
    public static let combinedFlagCount = 3

    /// Under 6 h: flag; under 5 h: strong flag → reduce intensity. 7 h or more adds to the score.
    public static func sleepHours(_ h: Double) -> RuleFinding? {
        let reason = "slept \(formatNumber(h)) h"
        if h < 5 { return RuleFinding(rule: "sleep.hours", decision: .reduceIntensity, reason: reason, category: .sleep, impact: -20) }
        if h < 6 { return RuleFinding(rule: "sleep.hours", reason: reason, category: .sleep, impact: -10) }
        if h >= 7 { return RuleFinding(rule: "sleep.hours", category: .sleep, impact: 5) }
        return nil
    }

    /// Sleep quality 1–2 of 5: flag.
    public static func sleepQuality(_ s: Score) -> RuleFinding? {
        s.onFivePointScale <= 2
            ? RuleFinding(rule: "sleep.quality", reason: "poor sleep (\(show(s)))", category: .sleep, impact: -8) : nil
    }

    /// Fatigue or stress 4–5 of 5, or 8 or more of 10: flag.
    public static func highLoadFeeling(_ metric: WellnessMetric, _ s: Score) -> RuleFinding? {
        let high = s.outOf == 10 ? s.value >= 8 : s.onFivePointScale >= 4
        return high ? RuleFinding(rule: "wellness.\(metric.rawValue)", reason: "\(metric.rawValue) \(show(s))",
                                  category: .wellness, impact: -6) : nil
    }

    /// Mood or motivation 1–2 of 5 (on other scales: the same on the 5-point mapping): flag.
    public static func lowSpirits(_ metric: WellnessMetric, _ s: Score) -> RuleFinding? {
        s.onFivePointScale <= 2
            ? RuleFinding(rule: "wellness.\(metric.rawValue)", reason: "low \(metric.rawValue) (\(show(s)))",
                          category: .wellness, impact: -6) : nil
    }

    /// Personal z-score in the bad direction: ≥ 2 red (a flag), ≥ 1 amber (score only). Good-way
    /// deviations are ignored. `withReason` is false when a fixed threshold already said it.
    public static func personal(_ metric: WellnessMetric, z: Double, withReason: Bool) -> RuleFinding? {
        let bad = z * metric.badDirection
        if bad >= 2 {
            let way = metric.badDirection > 0 ? "above" : "below"
            return RuleFinding(rule: "wellness.z", reason: withReason ? "\(metric.rawValue) well \(way) your usual" : nil,
                               category: metric.category, impact: -8)
        }
        if bad >= 1 { return RuleFinding(rule: "wellness.z", category: metric.category, impact: -3) }
        return nil
    }

    /// Several flagged metrics at once → reduce intensity.
    public static func combined(flagged: [WellnessMetric]) -> RuleFinding? {
        guard flagged.count >= combinedFlagCount else { return nil }
        return RuleFinding(rule: "wellness.combined", decision: .reduceIntensity,
                           reason: "several wellness flags (" + flagged.map(\.rawValue).joined(separator: ", ") + ")")
    }

    /// All wellness findings for today.
    static func findings(_ idx: HistoryIndex) -> [RuleFinding] {
        let m = idx.todayRecord.metrics
        var out: [RuleFinding] = []
        var flagged: [WellnessMetric] = []
        for metric in WellnessMetric.allCases {
            guard let today = metric.value(m) else { continue }
            var fixed: RuleFinding?
            switch metric {
            case .sleepHours: fixed = m.sleepHours.flatMap(sleepHours)
            case .sleepQuality: fixed = m.sleepQuality.flatMap(sleepQuality)
            case .fatigue, .stress: fixed = (metric == .fatigue ? m.fatigue : m.stress).flatMap { highLoadFeeling(metric, $0) }
            case .mood, .motivation: fixed = (metric == .mood ? m.mood : m.motivation).flatMap { lowSpirits(metric, $0) }
            }
            let fixedFlag = fixed?.reason != nil
            if let fixed { out.append(fixed) }
            var zFlag = false
            if let b = Baseline(values: idx.values(lastDays: zWindowDays) { metric.value($0.metrics) }, minimum: zMinReadings),
               let z = b.z(today), let f = personal(metric, z: z, withReason: !fixedFlag) {
                out.append(f)
                zFlag = f.impact <= -8
            }
            if fixedFlag || zFlag { flagged.append(metric) }
        }
        if let c = combined(flagged: flagged) { out.append(c) }
        return out
    }

    static func show(_ s: Score) -> String { "\(formatNumber(s.value))/\(s.outOf)" }
}
