import CoachCore

/// Pain-monitoring rules (Silbernagel; four pain rules, Vincent & Vincent 2017).
public enum PainRules {
    public static let recurringWindowDays = 7
    public static let recurringMinDays = 3
    /// Score assumed when the athlete gave none (our choice: treat as moderate, ask for a number).
    public static let assumedScore = 4.0

    /// The pain-free substitute for running with pain at `location` (spec table).
    public static func modality(for location: BodyLocation) -> String {
        switch location {
        case .achilles, .plantarFascia, .heel, .foot: return "deep-water running (pool running)"
        case .itBand, .knee: return "cycling (seated)"
        case .shin: return "elliptical or deep-water running"
        case .calf: return "cycling (seated)"
        case .hip, .groin: return "deep-water running or swimming"
        default: return "deep-water running"
        }
    }

    /// One pain report:
    /// red flag or ≥ 8 → see a physio or doctor + alert; ≥ 6 or limping → cross-train + alert
    /// (rest when the location is `general`: no substitute can be chosen pain-free);
    /// 4–5 (or no score) → reduce intensity, easy, flat, shorter + alert; 0–3 → as planned.
    public static func rule(_ p: Pain) -> RuleFinding {
        let score = p.score ?? assumedScore
        var what = Words.pain(p)
        if p.score == nil { what += " (no score given)" }
        if !p.redFlags.isEmpty || score >= 8 {
            let flags = p.redFlags.map(flagWords).joined(separator: ", ")
            let text = flags.isEmpty ? what : what + " (" + flags + ")"
            return RuleFinding(rule: "pain.refer", decision: .seePhysio, reason: text, alert: text)
        }
        if score >= 6 || p.gaitAffected {
            let text = p.gaitAffected ? what + ", limping" : what
            return RuleFinding(rule: "pain.no-running", decision: p.location == .general ? .rest : .crossTrain,
                               reason: text, alert: text)
        }
        if score >= 4 {
            return RuleFinding(rule: "pain.moderate", decision: .reduceIntensity, reason: what, alert: what,
                               modifiers: [.shorter, .flat, .easyRun])
        }
        return RuleFinding(rule: "pain.mild", reason: what)
    }

    /// Mild pain (0–3, walking normally, no red flag): remind to stop if it rises.
    public static func needsReminder(_ p: Pain) -> Bool {
        rule(p).rule == "pain.mild"
    }

    static func flagWords(_ f: PainRedFlag) -> String {
        switch f {
        case .bony: return "bony"
        case .night: return "hurts at night"
        case .hopping: return "hurts on hopping"
        }
    }

    /// Days among today and the 6 before with pain at `location`.
    static func daysWithPain(at location: BodyLocation, _ idx: HistoryIndex) -> Int {
        (0..<recurringWindowDays).reduce(0) { n, ago in
            n + ((idx.record(daysAgo: ago)?.pain.contains { $0.location == location } ?? false) ? 1 : 0)
        }
    }

    /// Same location on 3+ of the last 7 days (today included, pain reported today): alert even at
    /// low scores. Sides are ignored: a location is a location.
    public static func recurring(location: BodyLocation, days: Int) -> RuleFinding? {
        guard days >= recurringMinDays else { return nil }
        let text = "\(Words.location(location)) pain on \(days) of the last 7 days"
        return RuleFinding(rule: "pain.recurring", reason: text, alert: text)
    }

    static func findings(_ idx: HistoryIndex) -> [RuleFinding] {
        let pains = idx.todayRecord.pain
        var out = pains.map(rule)
        var seen: Set<BodyLocation> = []
        for p in pains where seen.insert(p.location).inserted {
            if let f = recurring(location: p.location, days: daysWithPain(at: p.location, idx)) { out.append(f) }
        }
        return out
    }

    /// Modality for today's cross-training: the location of the worst pain that stops running.
    static func modality(_ pains: [Pain]) -> String? {
        pains.filter { rule($0).decision == .crossTrain }
            .max { ($0.score ?? assumedScore) < ($1.score ?? assumedScore) }
            .map { modality(for: $0.location) }
    }
}
