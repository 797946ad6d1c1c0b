import CoachCore

/// The readiness and injury rules engine: pure, deterministic, microseconds per call. Each rule
/// is a small function returning a `RuleFinding`; the most conservative decision wins.
public enum ReadinessEngine {
    /// Bumped whenever a threshold or decision changes, so stored assessments can say which
    /// rules made them.
    public static let ruleVersion = "2026.11-1"

    /// Assesses one athlete on one day.
    public static func assess(_ input: AssessmentInput) -> Assessment {
        let idx = HistoryIndex(today: input.today, checkin: input.checkin, history: input.history)
        let today = input.checkin
        var findings: [RuleFinding] = []

        // HRV against the 60-day ln(rMSSD) baseline.
        let hrvValues = idx.values(lastDays: HRVRule.windowDays, HRVRule.lnHRV)
        let hrvBase = Baseline(values: hrvValues, minimum: HRVRule.minReadings)
        let todayLn = HRVRule.lnHRV(today)
        let progress = hrvValues.isEmpty && todayLn == nil
            ? nil : HRVRule.progress(previousReadings: hrvValues.count, hasToday: todayLn != nil)
        var hrvLevel = HRVLevel.normal
        if let b = hrvBase, let ln = todayLn {
            hrvLevel = HRVRule.level(ln: ln, baseline: b)
            if let z = b.z(ln) { findings.append(RuleFinding(rule: "hrv.score", category: .hrv, impact: HRVRule.scoreImpact(z: z))) }
            let days = HRVRule.consecutiveLowDays(idx, baseline: b)
            if let f = HRVRule.consecutiveLow(days: days, todayVeryLow: hrvLevel == .veryLow) { findings.append(f) }
        }
        let trendDown = hrvBase.map { HRVRule.trendDown(idx, baseline: $0) } ?? false
        if let f = HRVRule.trend(trendDown) { findings.append(f) }

        // Resting HR against the 28-day mean, alone and with HRV.
        var rhrLevel = RHRLevel.normal
        if let b = RHRRule.baseline(idx), let rhr = today.metrics.rhrBpm {
            let delta = rhr - b.mean
            rhrLevel = RHRRule.level(delta: delta)
            findings.append(RuleFinding(rule: "rhr.score", category: .restingHR, impact: RHRRule.scoreImpact(delta: delta)))
            if let f = RHRRule.alone(delta: delta) { findings.append(f) }
            if let f = RHRRule.combined(hrv: hrvLevel, rhr: rhrLevel, delta: delta) { findings.append(f) }
        }
        let ill = !today.illness.isEmpty || IllnessRules.hasFever(today)
        if let f = HRVRule.highWarning(level: hrvLevel, rhrElevated: rhrLevel.isElevated, ill: ill) { findings.append(f) }

        findings += WellnessRules.findings(idx)

        let acwr = LoadRules.loggedDays(idx) >= LoadRules.minLoggedDays ? LoadRules.acwr(dailyLoads: LoadRules.dailyLoads(idx)) : nil
        if let a = acwr, let f = LoadRules.acwrRule(a) { findings.append(f) }

        findings += PainRules.findings(idx)
        findings += IllnessRules.findings(idx, planned: input.planned)

        let otherFlags = findings.contains(where: \.isFlag)
        if let f = LoadRules.sessionSpike(idx, planned: input.planned, otherFlags: otherFlags) { findings.append(f) }
        if let f = LoadRules.yesterdaysSpike(idx) { findings.append(f) }

        let rtr = ReturnToRun.stage(idx)
        var rtrFinding: RuleFinding?
        if let rtr, input.planned?.type.isRun == true {
            let f = ReturnToRun.finding(rtr)
            rtrFinding = f
            findings.append(f)
        }

        return combine(input: input, findings: findings, progress: progress, trendDown: trendDown, acwr: acwr,
                       rtr: rtr, rtrFinding: rtrFinding)
    }

    /// Most conservative decision wins; a planned rest day stays rest; reasons most serious first.
    static func combine(
        input: AssessmentInput, findings: [RuleFinding], progress: Int?, trendDown: Bool, acwr: Double?,
        rtr: ReturnToRunStage?, rtrFinding: RuleFinding?
    ) -> Assessment {
        var decision = findings.map(\.decision).max() ?? .asPlanned
        if input.planned?.type == .rest { decision = max(decision, .rest) }

        let ordered = findings.enumerated().sorted {
            $0.element.decision != $1.element.decision ? $0.element.decision > $1.element.decision : $0.offset < $1.offset
        }.map(\.element)
        let reasons = unique(ordered.compactMap(\.reason))
        var alertReasons = unique(ordered.compactMap(\.alert))
        let healthDecision = findings.filter { !$0.scheduled }.map(\.decision).max() ?? .asPlanned
        if healthDecision >= .rest && alertReasons.isEmpty { alertReasons = ["decision: \(healthDecision.rawValue)"] }
        let alert = alertReasons.isEmpty ? nil : CoachAlert(reasons: alertReasons, decision: decision)

        let pains = input.checkin.pain
        let modality = decision == .crossTrain ? (PainRules.modality(pains) ?? PainRules.modality(for: .general)) : nil
        let workout: WorkoutSpec?
        if let rtr, let f = rtrFinding, decision == f.decision {
            workout = ReturnToRun.workout(rtr)
        } else {
            let modifiers = findings.reduce(into: Set<WorkoutModifier>()) { $0.formUnion($1.modifiers) }
            workout = Prescription.workout(planned: input.planned, decision: decision, modifiers: modifiers, modality: modality)
        }
        let (raw, contributors) = ReadinessScore.score(findings)
        let score = consistentScore(raw, decision: decision, plannedRest: input.planned?.type == .rest)
        return Assessment(
            score: score, band: Band(score: score), contributors: contributors, decision: decision, workout: workout,
            crossTrainingModality: modality, reasons: reasons, alert: alert, hrvBaselineProgress: progress,
            hrvTrendDown: trendDown, acwr: acwr, returnToRunStage: rtr,
            painReminder: decision < .crossTrain && pains.contains(where: PainRules.needsReminder),
            findings: findings)
    }

    /// The band never contradicts the decision on screen (readiness-rules.md): rest or stronger
    /// (not a planned rest day) caps it at red, cross-train or any reduction at amber; and a
    /// decision milder than rest never shows red (the rules decide; the score explains).
    static func consistentScore(_ score: Int, decision: Decision, plannedRest: Bool) -> Int {
        if decision >= .rest && !(plannedRest && decision == .rest) { return min(score, 39) }
        var s = score
        if decision > .asPlanned { s = min(s, 69) }
        if decision < .rest { s = max(s, 40) }
        return s
    }

    static func unique(_ xs: [String]) -> [String] {
        var seen: Set<String> = []
        return xs.filter { seen.insert($0).inserted }
    }
}
