import CoachCore

/// The "neck check": above the neck → easy and short; below the neck or fever → rest + alert;
/// no hard training until 24 h free of fever.
public enum IllnessRules {
    public static let feverC = 38.0

    static func hasFever(_ r: DailyRecord) -> Bool {
        r.illness.contains(.fever) || (r.metrics.temperatureC ?? 0) >= feverC
    }

    static func words(_ i: Illness) -> String {
        switch i {
        case .fever: return "fever"
        case .soreThroat: return "sore throat"
        case .congestion: return "congestion"
        case .cough: return "cough"
        case .chest: return "chest symptoms"
        case .stomach: return "stomach bug"
        case .headache: return "headache"
        case .bodyAches: return "body aches"
        case .sick: return "feeling sick"
        case .flu: return "flu"
        }
    }

    /// A temperature that refers the athlete to a doctor.
    public static let highFeverC = 39.5

    /// Today's symptoms: chest symptoms or a temperature of 39.5 °C or more → see a doctor;
    /// below the neck (fever, flu, stomach, body aches; a cough with any of these) → rest;
    /// `sick` with no symptom named → rest and ask which; above the neck only → easy and short.
    public static func neckCheck(_ symptoms: [Illness], temperatureC: Double?) -> RuleFinding? {
        let feverish = (temperatureC ?? 0) >= feverC
        if symptoms.contains(.chest) || (temperatureC ?? 0) >= highFeverC {
            var parts: [String] = []
            if let t = temperatureC, t >= feverC { parts.append("fever \(formatNumber(t)) °C") }
            for s in symptoms where !(s == .fever && feverish) && s != .sick { parts.append(words(s)) }
            let text = parts.joined(separator: ", ")
            return RuleFinding(rule: "illness.doctor", decision: .seePhysio, reason: text + ": see a doctor before training",
                               alert: "illness: " + text + " (see a doctor)")
        }
        if symptoms == [.sick] && !feverish {
            return RuleFinding(rule: "illness.sick", decision: .rest,
                               reason: "feeling sick: which symptoms do you have (fever, sore throat, cough, stomach …)?",
                               alert: "illness: feeling sick, symptoms not named yet")
        }
        if feverish || symptoms.contains(where: \.isBelowNeck) {
            var parts: [String] = []
            if let t = temperatureC, t >= feverC { parts.append("fever \(formatNumber(t)) °C") }
            for s in symptoms where (s.isBelowNeck || s == .cough) && !(s == .fever && feverish) { parts.append(words(s)) }
            let text = parts.joined(separator: ", ")
            return RuleFinding(rule: "illness.below-neck", decision: .rest, reason: text, alert: "illness: " + text)
        }
        guard !symptoms.isEmpty else { return nil }
        let text = symptoms.map(words).joined(separator: ", ") + " (above the neck)"
        return RuleFinding(rule: "illness.above-neck", decision: .easyAerobic, reason: text,
                           modifiers: [.shorter, .easyRun])
    }

    /// Fever yesterday and a hard session today → easy aerobic (24 h fever-free first).
    public static func feverYesterday(_ yesterdayFever: Bool, todayFever: Bool, plannedHard: Bool) -> RuleFinding? {
        guard yesterdayFever, !todayFever, plannedHard else { return nil }
        return RuleFinding(rule: "illness.fever-24h", decision: .easyAerobic,
                           reason: "fever yesterday: no hard training until 24 h fever-free")
    }

    static func findings(_ idx: HistoryIndex, planned: WorkoutSpec?) -> [RuleFinding] {
        let today = idx.todayRecord
        var out: [RuleFinding] = []
        if let f = neckCheck(today.illness, temperatureC: today.metrics.temperatureC) { out.append(f) }
        let yesterday = idx.record(daysAgo: 1).map(hasFever) ?? false
        if let f = feverYesterday(yesterday, todayFever: hasFever(today), plannedHard: planned?.type.isHard ?? false) {
            out.append(f)
        }
        return out
    }
}
