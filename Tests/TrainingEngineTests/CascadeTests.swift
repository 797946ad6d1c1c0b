import CoachCore
import Testing
@testable import TrainingEngine

@Suite struct CascadeTests {
    static let today = ProgramTests.today
    /// Eligible for everything, tested 10 days ago, 60 km a week.
    static let fine = AthleteStanding(yearsRunning: 5, weeklyKm: 60, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: true)

    /// A clean 16-week marathon request: week 1 = 60 km (ratio 1.0), peak 70 reachable.
    static func run(weeks: Int = 16, method: Methodology = .polarized, peak: Double? = 70, current: Double = 60,
                    standing: AthleteStanding = fine, races: [RaceEntry] = [], injuries: [InjuryNote] = [], raceDay: Day? = nil) -> (Validation, ProgramRequest) {
        var r = ProgramTests.request(weeks: weeks, method: method, peak: peak, current: current)
        if let raceDay { r.raceDay = raceDay }
        let s = standing
        let p = ProgramGenerator.generate(r)
        return (ValidationCascade.validate(p, CascadeInput(standing: s, races: races, injuries: injuries)), r)
    }

    static func systems(_ v: Validation) -> [String] { v.findings.map { "\($0.system) \($0.severity.rawValue)" } }

    @Test func cleanRequestHasNoFindings() {
        let (v, _) = Self.run()
        #expect(v.findings.isEmpty)
        #expect(v.canProceed)
    }

    @Test func thresholdRows() {
        var s = Self.fine
        s.daysSinceLatestTest = nil
        let (none, _) = Self.run(standing: s)
        #expect(Self.systems(none) == ["THRESHOLD CRITICAL"])
        #expect(none.findings[0].description == "THRESHOLD CRITICAL: no lactate test → complete a lactate test (`lactate …`) before generating a program")
        #expect(!none.canProceed)
        s.daysSinceLatestTest = 84
        #expect(Self.run(standing: s).0.findings.isEmpty)
        s.daysSinceLatestTest = 85
        let (old, _) = Self.run(standing: s)
        #expect(Self.systems(old) == ["THRESHOLD HIGH"])
        #expect(old.findings[0].message.contains("85 days"))
        #expect(old.canProceed)
    }

    @Test(arguments: [(8, true), (24, true), (7, false), (25, false)])
    func scheduleWeeks(_ weeks: Int, _ ok: Bool) {
        // Peak = current so ACWR stays quiet whatever the length.
        let (v, _) = Self.run(weeks: weeks, peak: 60)
        #expect(Self.systems(v) == (ok ? [] : ["SCHEDULE CRITICAL"]), "\(v.findings)")
        #expect(v.canProceed == ok)
    }

    @Test func scheduleRaceInThePast() {
        let (v, _) = Self.run(raceDay: Self.today.adding(days: -1))
        #expect(Self.systems(v).first == "SCHEDULE CRITICAL")
        #expect(v.findings[0].message.contains("in the past"))
        let (todayRace, _) = Self.run(raceDay: Self.today)
        #expect(todayRace.findings.first?.message.contains("in the past") == false)
    }

    @Test func methodologyNorwegianNeedsEligibility() {
        #expect(Self.run(method: .norwegian).0.findings.isEmpty)
        var s = Self.fine
        s.lactateMeter = false; s.hasCoach = false
        let (v, _) = Self.run(method: .norwegian, standing: s)
        #expect(Self.systems(v) == ["METHODOLOGY CRITICAL"])
        #expect(v.findings[0].message.contains("LACTATE_MONITORING") && v.findings[0].message.contains("COACH_SUPERVISION"))
        #expect(!v.findings[0].message.contains("TRAINING_AGE"))
        #expect(Self.run(method: .polarized, standing: s).0.findings.isEmpty)
    }

    /// Week 1 = max(current, 60% of peak) against the 28-day weekly average (standing.weeklyKm).
    @Test func acwrBoundariesExactly() {
        var s = Self.fine
        s.weeklyKm = 40
        #expect(Self.systems(Self.run(peak: 52, current: 52, standing: s).0) == [])            // 1.3
        #expect(Self.systems(Self.run(peak: 52.4, current: 52.4, standing: s).0) == ["ACWR MEDIUM"]) // 1.31
        #expect(Self.systems(Self.run(peak: 60, current: 60, standing: s).0) == ["ACWR MEDIUM"])     // 1.5
        let high = Self.run(peak: 60.4, current: 60.4, standing: s).0
        #expect(Self.systems(high) == ["ACWR HIGH"])   // 1.51
        #expect(high.findings[0].resolution.contains("52 km") && high.findings[0].message.contains("40 km"))
        s.weeklyKm = 0
        let none = Self.run(peak: 30, current: 30, standing: s).0
        #expect(Self.systems(none) == ["ACWR HIGH"])
    }

    @Test func acwrPeakNotReachable() {
        // 120 → 200 cannot be reached at 10% a week in 6 loading weeks (one a deload).
        var s = Self.fine
        s.weeklyKm = 120
        let (v, _) = Self.run(weeks: 8, peak: 200, current: 120, standing: s)
        #expect(Self.systems(v) == ["ACWR MEDIUM"])
        #expect(v.findings[0].message.contains("200 km"))
        #expect(v.canProceed)
    }

    @Test func raceCalendarRows() {
        let (_, r) = Self.run()
        let early = RaceEntry(day: r.start.adding(days: 20), distance: .k10, priority: "A")
        let lateA = RaceEntry(day: r.raceDay.adding(days: -20), distance: .half, priority: "A")
        let lateB = RaceEntry(day: r.raceDay.adding(days: -20), distance: .half, priority: "B")
        let edgeA = RaceEntry(day: r.raceDay.adding(days: -21), distance: .half, priority: "A")
        let before = RaceEntry(day: r.start.adding(days: -1), distance: .k5, priority: "A")
        let target = RaceEntry(day: r.raceDay, distance: .marathon, priority: "A")
        #expect(Self.systems(Self.run(races: [early]).0) == ["RACE_CALENDAR MEDIUM"])
        #expect(Self.systems(Self.run(races: [lateA]).0) == ["RACE_CALENDAR HIGH"])
        #expect(Self.systems(Self.run(races: [lateB]).0) == ["RACE_CALENDAR MEDIUM"])
        #expect(Self.systems(Self.run(races: [edgeA]).0) == ["RACE_CALENDAR MEDIUM"])
        #expect(Self.run(races: [before, target]).0.findings.isEmpty)
        #expect(Self.run(races: [early]).0.findings[0].message.contains("10k"))
    }

    @Test func injuryHistoryRows() {
        let inside = InjuryNote(day: Self.today.adding(days: -56), location: "left knee")
        let outside = InjuryNote(day: Self.today.adding(days: -57), location: "calf")
        let (v, _) = Self.run(injuries: [inside, outside])
        #expect(Self.systems(v) == ["INJURY_HISTORY HIGH"])
        #expect(v.findings[0].message.contains("left knee") && !v.findings[0].message.contains("calf"))
        #expect(v.findings[0].resolution.contains("conservatively") && v.findings[0].resolution.contains("strength"))
        #expect(Self.run(injuries: [outside]).0.findings.isEmpty)
    }

    @Test func severalTogetherInCascadeOrder() {
        var s = Self.fine
        s.daysSinceLatestTest = nil; s.lactateMeter = false; s.weeklyKm = 30
        let (_, r) = Self.run()
        let (v, _) = Self.run(weeks: 6, method: .norwegian, peak: 100, current: 30, standing: s,
                              races: [RaceEntry(day: r.start.adding(days: 10), distance: .k10, priority: "A")],
                              injuries: [InjuryNote(day: Self.today.adding(days: -3), location: "achilles")])
        #expect(Self.systems(v) == ["THRESHOLD CRITICAL", "SCHEDULE CRITICAL", "METHODOLOGY CRITICAL", "ACWR HIGH", "ACWR MEDIUM", "RACE_CALENDAR MEDIUM", "INJURY_HISTORY HIGH"])
        #expect(!v.canProceed)
        #expect(v.errors.count == 3)
        #expect(v.findings.allSatisfy { $0.description.contains(" → ") })
    }

    @Test func swedishMessagesKeepTheSpecNames() {
        var s = Self.fine
        s.daysSinceLatestTest = nil
        let p = ProgramGenerator.generate(ProgramTests.request(weeks: 6, peak: 60, current: 60))
        let v = ValidationCascade.validate(p, CascadeInput(standing: s), language: .sv)
        #expect(v.findings.map(\.description) == [
            "THRESHOLD CRITICAL: inget laktattest → gör ett laktattest (`laktat …`) innan ett program skapas",
            "SCHEDULE CRITICAL: 6 veckor från 2026-11-30 till tävlingsdagen 2027-01-10; ett program behöver 8 till 24 → välj en tävling minst 8 veckor bort, eller planera veckorna för hand",
        ])
    }
}
