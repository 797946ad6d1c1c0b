import CoachCore
import Testing
@testable import TrainingEngine

@Suite struct ProgramPauseTests {
    static let day = Day(year: 2026, month: 12, day: 2)
    static let knee = Pain(location: .knee, side: nil, score: 6, gaitAffected: false, redFlags: [])

    @Test func physioAlwaysPauses() {
        #expect(ProgramPause.shouldPause(today: DailyRecord(day: Self.day), decision: .seePhysio, yesterday: nil))
    }

    @Test func twoNoRunningDaysForPainOrIllnessBelowTheNeck() {
        let y = DailyRecord(day: Self.day.adding(days: -1), pain: [Self.knee], decision: .crossTrain)
        let t = DailyRecord(day: Self.day, pain: [Self.knee])
        #expect(ProgramPause.shouldPause(today: t, decision: .crossTrain, yesterday: y))
        #expect(ProgramPause.shouldPause(today: t, decision: .rest, yesterday: y))
        // One day only, or running allowed today, or yesterday was not a no-running day.
        #expect(!ProgramPause.shouldPause(today: t, decision: .crossTrain, yesterday: nil))
        #expect(!ProgramPause.shouldPause(today: t, decision: .easyAerobic, yesterday: y))
        var ran = y; ran.decision = .reduceIntensity
        #expect(!ProgramPause.shouldPause(today: t, decision: .crossTrain, yesterday: ran))
        // Rest for a low HRV (nothing below the neck) does not pause.
        let hrv = DailyRecord(day: Self.day.adding(days: -1), decision: .rest)
        #expect(!ProgramPause.shouldPause(today: DailyRecord(day: Self.day), decision: .rest, yesterday: hrv))
        // Fever both days does.
        let fever = Metrics(temperatureC: 38.4)
        #expect(ProgramPause.shouldPause(today: DailyRecord(day: Self.day, metrics: fever), decision: .rest,
                                         yesterday: DailyRecord(day: Self.day.adding(days: -1), metrics: fever, decision: .rest)))
    }

    @Test func pausedRunsBecomeCrossTraining() {
        #expect(ProgramPause.substitute(WorkoutSpec(type: .intervals, minutes: 50, km: 10, description: "intervals"))?.type == .cross)
        #expect(ProgramPause.substitute(WorkoutSpec(type: .intervals, minutes: 50))?.minutes == 40)
        #expect(ProgramPause.substitute(WorkoutSpec(type: .long, km: 20))?.type == .rest)
        #expect(ProgramPause.substitute(WorkoutSpec(type: .strength, minutes: 30))?.type == .strength)
        #expect(ProgramPause.substitute(nil) == nil)
    }
}
