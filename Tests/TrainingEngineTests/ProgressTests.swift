import CoachCore
import Testing
@testable import TrainingEngine

@Suite struct ProgressTests {
    @Test(arguments: [
        (0.80, ComplianceColour.green), (1.20, .green), (1.0, .green), (0.79, .amber), (0.50, .amber),
        (1.21, .amber), (1.50, .amber), (0.49, .red), (1.51, .red), (0.0, .red),
    ])
    func complianceColours(_ ratio: Double, _ colour: ComplianceColour) {
        #expect(ComplianceColour(ratio: ratio) == colour)
    }

    /// Foster: monotony = mean ÷ population SD of the 7 daily loads; strain = weekly load × monotony.
    @Test func fosterMonotonyAndStrain() throws {
        let loads: [Double] = [300, 0, 400, 200, 0, 500, 300]
        let m = Monotony(loads: loads)
        let mean = 1700.0 / 7
        let sd = (loads.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 7).squareRoot()
        #expect(abs(try #require(m.monotony) - mean / sd) < 1e-12)
        #expect(abs(try #require(m.strain) - 1700 * mean / sd) < 1e-9)
        #expect(!m.flagged)
        #expect(Monotony(loads: [200, 210, 190, 200, 205, 195, 200]).flagged)
        #expect(Monotony(loads: [Double](repeating: 0, count: 7)).monotony == nil)
        #expect(!Monotony(loads: [Double](repeating: 0, count: 7)).flagged)
    }

    @Test func fourBlocksEndingTodayWithZones() throws {
        let today = try #require(Day(iso: "2026-11-23"))
        let plans: [(day: Day, workout: WorkoutSpec)] = [
            (today.adding(days: -1), WorkoutSpec(type: .threshold, minutes: 60)),
            (today.adding(days: -2), WorkoutSpec(type: .easy, minutes: 40, target: "z2")),
            (today.adding(days: -30), WorkoutSpec(type: .easy, minutes: 40)),
        ]
        let sessions: [(day: Day, session: LoggedSession)] = [
            (today.adding(days: -1), LoggedSession(minutes: 55, km: 12, rpe: 7)),
            (today.adding(days: -2), LoggedSession(minutes: 40, km: 8, rpe: 3)),
            (today.adding(days: -27), LoggedSession(minutes: 30, rpe: 3)),
        ]
        let r = ProgressReport.make(today: today, plans: plans, sessions: sessions)
        #expect(r.weeks.count == 4)
        #expect(r.weeks[0].start == today.adding(days: -27) && r.weeks[3].end == today)
        #expect(r.weeks[3].plannedMinutes == 100 && r.weeks[3].doneMinutes == 95)
        #expect(r.weeks[3].colour == .green)
        #expect(r.weeks[0].doneSessions == 1 && r.weeks[0].colour == nil)
        #expect(r.zoneMinutes == [3: 55, 2: 40])
        #expect(r.unzonedMinutes == 30)
        // Today has no session, so the 7 days end yesterday.
        #expect(r.monotony.weeklyLoad == 55 * 7 + 40 * 3)
    }
}
