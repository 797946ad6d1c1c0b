import CoachCore
import Testing
@testable import TrainingEngine

@Suite struct NorwegianTests {
    static let ready = AthleteStanding(yearsRunning: 5, weeklyKm: 80, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: true)

    /// A run test whose curve crosses 2.0–3.5 mmol/L inside the tested range.
    static let runTest = LactateTest(sport: .run, stages: [
        LactateStage(intensity: 10, lactate: 1.1, hr: 130), LactateStage(intensity: 11, lactate: 1.3, hr: 138),
        LactateStage(intensity: 12, lactate: 1.7, hr: 146), LactateStage(intensity: 13, lactate: 2.4, hr: 154),
        LactateStage(intensity: 14, lactate: 3.6, hr: 162), LactateStage(intensity: 15, lactate: 5.6, hr: 170),
    ])

    static func requirement(_ e: NorwegianEligibility, _ name: String) -> Requirement? { e.requirements.first { $0.name == name } }

    @Test func allMetIsEligibleWithFourPhases() throws {
        let e = NorwegianEligibility.assess(Self.ready)
        #expect(e.requirements.map(\.name) == ["TRAINING_AGE", "AEROBIC_BASE", "RECENT_TESTING", "LACTATE_MONITORING", "COACH_SUPERVISION"])
        #expect(e.requirements.map(\.severity) == [.critical, .critical, .high, .critical, .critical])
        #expect(e.requirements.allSatisfy { $0.met })
        #expect(e.eligible)
        #expect(zip(e.plan.map(\.weeklyKm), [80, 84, 88, 92.0]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(e.plan.map(\.weeks) == [4, 4, 4, nil])
        #expect(e.plan.map(\.thresholdKm) == [8...10, 15...18, 20...25, 25...30])
        #expect(e.plan.map(\.name) == ["Threshold familiarization", "Double threshold introduction", "Volume integration", "Full Norwegian protocol"])
        #expect(e.plan[0].targets.map(\.lactate) == [2.0...3.0])
        #expect(e.plan[1].targets.map(\.lactate) == [2.0...3.0, 2.5...3.5])
        #expect(e.plan[0].successCriteria.contains("easy runs stay easy"))
        #expect(e.plan[3].successCriteria.contains("no overtraining signs"))
    }

    /// Each row of spec §4's table on both sides of its threshold, alone.
    @Test(arguments: [
        ("TRAINING_AGE", AthleteStanding(yearsRunning: 2, weeklyKm: 80, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: true),
         AthleteStanding(yearsRunning: 1.9, weeklyKm: 80, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: true), "1.9 years"),
        ("AEROBIC_BASE", AthleteStanding(yearsRunning: 5, weeklyKm: 60, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: true),
         AthleteStanding(yearsRunning: 5, weeklyKm: 59.9, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: true), "59.9 km"),
        ("RECENT_TESTING", AthleteStanding(yearsRunning: 5, weeklyKm: 80, daysSinceLatestTest: 56, lactateMeter: true, hasCoach: true),
         AthleteStanding(yearsRunning: 5, weeklyKm: 80, daysSinceLatestTest: 57, lactateMeter: true, hasCoach: true), "57 days"),
        ("LACTATE_MONITORING", AthleteStanding(yearsRunning: 5, weeklyKm: 80, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: true),
         AthleteStanding(yearsRunning: 5, weeklyKm: 80, daysSinceLatestTest: 10, lactateMeter: false, hasCoach: true), "no lactate meter"),
        ("COACH_SUPERVISION", AthleteStanding(yearsRunning: 5, weeklyKm: 80, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: true),
         AthleteStanding(yearsRunning: 5, weeklyKm: 80, daysSinceLatestTest: 10, lactateMeter: true, hasCoach: false), "no coach"),
    ])
    func eachRequirementBothSides(_ name: String, _ met: AthleteStanding, _ unmet: AthleteStanding, _ figure: String) throws {
        let yes = NorwegianEligibility.assess(met), no = NorwegianEligibility.assess(unmet)
        #expect(try #require(Self.requirement(yes, name)).met)
        let r = try #require(Self.requirement(no, name))
        #expect(!r.met)
        #expect(r.message.contains(figure), "\(r.message)")
        #expect(no.unmet.map(\.name) == [name])
        #expect(yes.eligible)
        // Only the HIGH requirement leaves the athlete eligible.
        #expect(no.eligible == (r.severity == .high))
        #expect(no.plan.isEmpty == !no.eligible)
    }

    @Test func noTestAndNoYearsAreUnmetWithTheirWords() throws {
        let e = NorwegianEligibility.assess(AthleteStanding(yearsRunning: nil, weeklyKm: 0, daysSinceLatestTest: nil, lactateMeter: false, hasCoach: false))
        #expect(e.unmet.count == 5)
        #expect(e.unmetCritical.count == 4)
        #expect(try #require(Self.requirement(e, "RECENT_TESTING")).message.contains("no lactate test"))
        #expect(try #require(Self.requirement(e, "TRAINING_AGE")).message.contains("not recorded"))
    }

    @Test func targetsAsSpeedAndHRWhenThereIsATest() throws {
        let e = NorwegianEligibility.assess(Self.ready, test: Self.runTest)
        let am = e.plan[1].targets[0], pm = e.plan[1].targets[1]
        let amFrom = try #require(am.intensityFrom), amTo = try #require(am.intensityTo)
        let pmFrom = try #require(pm.intensityFrom), pmTo = try #require(pm.intensityTo)
        #expect(12 < amFrom && amFrom < amTo && amTo < 14.5)
        #expect(amFrom < pmFrom && pmFrom < pmTo && amTo < pmTo)
        #expect(try #require(am.hrFrom) < #require(am.hrTo))
        #expect(NorwegianEligibility.assess(Self.ready).plan[1].targets[0].intensityFrom == nil)
    }
}
