import CoachCore

/// What the engine knows of an athlete when judging the Norwegian method and a program: the
/// caller reads the store and the clock, the engine only decides.
public struct AthleteStanding: Sendable, Equatable {
    /// From the profile (`years_running=`); nil when the coach has not said.
    public var yearsRunning: Double?
    /// Average weekly running km over the last 28 days of logged sessions.
    public var weeklyKm: Double
    /// Days from the latest lactate test to today; nil when there is no test.
    public var daysSinceLatestTest: Int?
    /// From the profile (`lactate_meter=yes`).
    public var lactateMeter: Bool
    /// Whether the athlete has a coach on the roster.
    public var hasCoach: Bool

    public init(yearsRunning: Double?, weeklyKm: Double, daysSinceLatestTest: Int?, lactateMeter: Bool, hasCoach: Bool) {
        self.yearsRunning = yearsRunning; self.weeklyKm = weeklyKm; self.daysSinceLatestTest = daysSinceLatestTest
        self.lactateMeter = lactateMeter; self.hasCoach = hasCoach
    }
}

/// One of the five Norwegian-method requirements (spec §4), met or not, with the athlete's figure.
public struct Requirement: Sendable, Equatable, CustomStringConvertible {
    /// TRAINING_AGE, AEROBIC_BASE, RECENT_TESTING, LACTATE_MONITORING, COACH_SUPERVISION.
    public var name: String
    public var severity: Severity
    public var met: Bool
    public var message: String

    public var description: String { "\(met ? "✓" : "✗") \(name) (\(severity.rawValue)): \(message)" }
}

/// The thresholds of spec §4's table, named once so the tests and the messages agree.
public enum NorwegianRule {
    public static let minimumYears = 2.0
    public static let minimumWeeklyKm = 60.0
    public static let testWithinDays = 56
}

/// A lactate range as a speed (and HR) range, from the athlete's latest test.
public struct LactateTarget: Sendable, Equatable {
    /// "morning" or "afternoon".
    public var session: String
    public var lactate: ClosedRange<Double>
    /// Intensity at the range's ends (km/h for a run test, W for a bike test); nil when the
    /// tested curve does not reach them.
    public var intensityFrom: Double?
    public var intensityTo: Double?
    public var hrFrom: Double?
    public var hrTo: Double?
}

/// One phase of the 4-phase transition plan (spec §4).
public struct TransitionPhase: Sendable, Equatable {
    public var number: Int
    public var name: String
    /// Nil for the last phase ("ongoing").
    public var weeks: Int?
    public var weeklyKm: Double
    public var thresholdKm: ClosedRange<Double>
    public var targets: [LactateTarget]
    public var successCriteria: [String]
}

/// The verdict of `norwegian NAME`.
public struct NorwegianEligibility: Sendable, Equatable {
    public var requirements: [Requirement]
    /// Empty when not eligible.
    public var plan: [TransitionPhase]

    /// Eligible when no CRITICAL requirement is unmet (an unmet HIGH is a warning only).
    public var eligible: Bool { unmetCritical.isEmpty }
    public var unmetCritical: [Requirement] { requirements.filter { !$0.met && $0.severity == .critical } }
    public var unmet: [Requirement] { requirements.filter { !$0.met } }

    /// Judges the five requirements and, when eligible, builds the transition plan. `test` (the
    /// latest lactate test, if any) turns the lactate targets into speed and HR.
    public static func assess(_ s: AthleteStanding, test: LactateTest? = nil, language: Language = .en) -> NorwegianEligibility {
        func t(_ en: String, _ sv: String) -> String { language == .sv ? sv : en }
        let minYears = Figure.km(NorwegianRule.minimumYears), minKm = Figure.km(NorwegianRule.minimumWeeklyKm), within = NorwegianRule.testWithinDays
        let years = s.yearsRunning.map { t("\(Figure.km($0)) years of running", "\(Figure.km($0)) års löpning") }
            ?? t("years of running not recorded (profile NAME years_running=N)", "år av löpning saknas (profil NAMN years_running=N)")
        let reqs = [
            Requirement(name: "TRAINING_AGE", severity: .critical, met: (s.yearsRunning ?? 0) >= NorwegianRule.minimumYears,
                        message: years + t("; needs at least \(minYears)", "; kräver minst \(minYears)")),
            Requirement(name: "AEROBIC_BASE", severity: .critical, met: s.weeklyKm >= NorwegianRule.minimumWeeklyKm,
                        message: t("\(Figure.km(s.weeklyKm)) km a week over the last 28 days; needs at least \(minKm)",
                                   "\(Figure.km(s.weeklyKm)) km i veckan de senaste 28 dagarna; kräver minst \(minKm)")),
            Requirement(name: "RECENT_TESTING", severity: .high, met: s.daysSinceLatestTest.map { $0 <= within } ?? false,
                        message: s.daysSinceLatestTest.map { t("latest lactate test \($0) days ago; needs one within \(within)", "senaste laktattestet för \($0) dagar sedan; kräver ett inom \(within)") }
                            ?? t("no lactate test; needs one within \(within) days", "inget laktattest; kräver ett inom \(within) dagar")),
            Requirement(name: "LACTATE_MONITORING", severity: .critical, met: s.lactateMeter,
                        message: s.lactateMeter ? t("has a lactate meter", "har en laktatmätare") : t("no lactate meter (profile NAME lactate_meter=yes)", "ingen laktatmätare (profil NAMN lactate_meter=yes)")),
            Requirement(name: "COACH_SUPERVISION", severity: .critical, met: s.hasCoach,
                        message: s.hasCoach ? t("has a coach on the roster", "har en tränare i laget") : t("no coach on the roster", "ingen tränare i laget")),
        ]
        var result = NorwegianEligibility(requirements: reqs, plan: [])
        if result.eligible { result.plan = transitionPlan(weeklyKm: s.weeklyKm, test: test) }
        return result
    }

    /// Spec §4's plan for current weekly volume V: V, 1.05V, 1.10V, 1.15V.
    public static func transitionPlan(weeklyKm v: Double, test: LactateTest?) -> [TransitionPhase] {
        let morning = target("morning", 2.0...3.0, test), afternoon = target("afternoon", 2.5...3.5, test)
        return [
            TransitionPhase(number: 1, name: "Threshold familiarization", weeks: 4, weeklyKm: v, thresholdKm: 8...10, targets: [morning],
                            successCriteria: ["consistent lactate 2–3 mmol/L", "no excessive fatigue", "easy runs stay easy"]),
            TransitionPhase(number: 2, name: "Double threshold introduction", weeks: 4, weeklyKm: 1.05 * v, thresholdKm: 15...18, targets: [morning, afternoon],
                            successCriteria: ["recovery between sessions adequate", "lactate control maintained", "no injury flags"]),
            TransitionPhase(number: 3, name: "Volume integration", weeks: 4, weeklyKm: 1.10 * v, thresholdKm: 20...25, targets: [morning, afternoon],
                            successCriteria: ["threshold volume 25–30% of the week", "HRV/RHR stable"]),
            TransitionPhase(number: 4, name: "Full Norwegian protocol", weeks: nil, weeklyKm: 1.15 * v, thresholdKm: 25...30, targets: [morning, afternoon],
                            successCriteria: ["consistent lactate control", "no overtraining signs"]),
        ]
    }

    static func target(_ session: String, _ range: ClosedRange<Double>, _ test: LactateTest?) -> LactateTarget {
        var t = LactateTarget(session: session, lactate: range)
        guard let test else { return t }
        let hr = LactateAnalyzer.fitHR(test.stages)
        t.intensityFrom = LactateAnalyzer.intensity(at: range.lowerBound, stages: test.stages)
        t.intensityTo = LactateAnalyzer.intensity(at: range.upperBound, stages: test.stages)
        t.hrFrom = t.intensityFrom.flatMap { x in hr.map { $0(x) } }
        t.hrTo = t.intensityTo.flatMap { x in hr.map { $0(x) } }
        return t
    }
}

extension LactateTarget {
    init(session: String, lactate: ClosedRange<Double>) {
        self.session = session; self.lactate = lactate
    }
}
