import CoachCore

/// Everything the engine needs for one athlete on one day. The engine never reads a clock or a
/// store: callers say which day it is and hand over the history, so an assessment is reproducible.
public struct AssessmentInput: Sendable, Hashable {
    /// The day being assessed.
    public var today: Day
    /// Today's facts (morning metrics, pain, illness, any sessions already logged today).
    public var checkin: DailyRecord
    /// Today's planned workout; nil when nothing is planned.
    public var planned: WorkoutSpec?
    /// Previous days in any order, gaps allowed. Records on or after `today` are ignored; each rule
    /// reads only its own window (60 days for HRV, 28 for RHR and wellness, 30 for the spike rule).
    public var history: [DailyRecord]

    public init(today: Day, checkin: DailyRecord, planned: WorkoutSpec?, history: [DailyRecord]) {
        self.today = today
        self.checkin = checkin
        self.planned = planned
        self.history = history
    }
}

/// What the readiness score is made of. Pain and illness decide but do not score (the spec's score
/// summarises HRV, RHR, sleep, wellness and load only).
public enum ScoreCategory: String, Sendable, Hashable, CaseIterable {
    case hrv = "HRV"
    case restingHR = "resting HR"
    case sleep
    case wellness
    case load
}

/// How a finding bends today's workout beyond its decision, so that e.g. pain 4–5 ("easy, flat,
/// shorter") survives when another rule picks a stronger decision.
public enum WorkoutModifier: String, Sendable, Hashable, CaseIterable {
    /// About 30% shorter.
    case shorter
    /// On flat ground.
    case flat
    /// Run it as an easy run.
    case easyRun
}

/// One rule's verdict: small, explainable, and combined by the engine (most conservative wins).
public struct RuleFinding: Sendable, Hashable {
    /// Stable rule id, e.g. `hrv.consecutive-low`; the docs page lists them.
    public var rule: String
    public var decision: Decision
    /// Plain short words for the reply; nil for findings that only move the score.
    public var reason: String?
    /// Why the coaches should hear about it; nil when no alert.
    public var alert: String?
    public var category: ScoreCategory?
    /// Signed points added to the readiness score.
    public var impact: Int
    public var modifiers: Set<WorkoutModifier>
    /// True for findings that are a plan (a return-to-run rest day), not a health signal: they do
    /// not trigger the "rest or stronger" alert and are not "other flags".
    public var scheduled: Bool

    public init(
        rule: String, decision: Decision = .asPlanned, reason: String? = nil, alert: String? = nil,
        category: ScoreCategory? = nil, impact: Int = 0, modifiers: Set<WorkoutModifier> = [],
        scheduled: Bool = false
    ) {
        self.rule = rule
        self.decision = decision
        self.reason = reason
        self.alert = alert
        self.category = category
        self.impact = impact
        self.modifiers = modifiers
        self.scheduled = scheduled
    }

    /// A warning sign: counts as an "other flag" for the single-session spike rule.
    public var isFlag: Bool { !scheduled && (decision > .asPlanned || impact < 0 && reason != nil || alert != nil) }
}

/// One line of "what moved the score".
public struct Contributor: Sendable, Hashable {
    /// "HRV", "resting HR", "sleep", "wellness" or "load".
    public var name: String
    /// Signed points; negative pulls the score down.
    public var impact: Int

    public init(name: String, impact: Int) {
        self.name = name
        self.impact = impact
    }
}

/// Why the coaches' room should hear about this athlete today.
public struct CoachAlert: Sendable, Hashable {
    /// Plain short reasons, most serious first.
    public var reasons: [String]
    /// Today's decision, which the alert names.
    public var decision: Decision

    public init(reasons: [String], decision: Decision) {
        self.reasons = reasons
        self.decision = decision
    }
}

/// The engine's answer for one day: what to do, why, and what to tell the coaches.
public struct Assessment: Sendable, Hashable {
    /// Readiness 0...100: explains, does not decide.
    public var score: Int
    public var band: Band
    /// Non-zero score contributors, largest |impact| first.
    public var contributors: [Contributor]
    /// The most conservative decision of all rules; a planned rest day stays rest.
    public var decision: Decision
    /// Today's workout after the decision; nil when nothing was planned and no rest is needed.
    public var workout: WorkoutSpec?
    /// Set when the decision is cross-train: the pain-free substitute for the pain's location.
    public var crossTrainingModality: String?
    /// Plain short reasons, most serious first.
    public var reasons: [String]
    public var alert: CoachAlert?
    /// Readings so far while the HRV baseline is building ("building your baseline, N/7").
    public var hrvBaselineProgress: Int?
    /// 7-day rolling mean of ln rMSSD below mean − 0.5 SD: for the reply and the coach digest.
    public var hrvTrendDown: Bool
    /// Acute:chronic workload ratio (EWMA 7/28); nil until 28 days of history exist.
    public var acwr: Double?
    /// Walk-run progression stage after a no-running spell for pain.
    public var returnToRunStage: ReturnToRunStage?
    /// Mild pain (0–3) today: remind the athlete to stop if it rises during the run.
    public var painReminder: Bool
    /// Every rule finding, for explanations and tests.
    public var findings: [RuleFinding]

    public init(
        score: Int, band: Band, contributors: [Contributor], decision: Decision, workout: WorkoutSpec?,
        crossTrainingModality: String?, reasons: [String], alert: CoachAlert?, hrvBaselineProgress: Int?,
        hrvTrendDown: Bool, acwr: Double?, returnToRunStage: ReturnToRunStage?, painReminder: Bool,
        findings: [RuleFinding]
    ) {
        self.score = score
        self.band = band
        self.contributors = contributors
        self.decision = decision
        self.workout = workout
        self.crossTrainingModality = crossTrainingModality
        self.reasons = reasons
        self.alert = alert
        self.hrvBaselineProgress = hrvBaselineProgress
        self.hrvTrendDown = hrvTrendDown
        self.acwr = acwr
        self.returnToRunStage = returnToRunStage
        self.painReminder = painReminder
        self.findings = findings
    }
}
