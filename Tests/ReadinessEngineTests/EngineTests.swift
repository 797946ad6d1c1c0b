import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct EngineTests {
    @Test func ruleVersion() {
        #expect(ReadinessEngine.ruleVersion == "2026.11-1")
    }

    @Test func deterministicAndOrderIndependent() {
        let h = with(baselineHistory(days: 60), daysAgo: 1) { $0.metrics.hrvMs = 50 }
        let m = Metrics(hrvMs: 50, rhrBpm: 52, sleepHours: 5.5)
        let a = assess(m, planned: threshold60, history: h)
        #expect(a == assess(m, planned: threshold60, history: h))
        #expect(a == assess(m, planned: threshold60, history: h.reversed()))
        #expect(a == assess(m, planned: threshold60, history: h.shuffled()))
    }

    @Test func ignoresTodayAndFutureInHistory() {
        let h = baselineHistory()
        let future = [DailyRecord(day: today, metrics: Metrics(hrvMs: 10)),
                      DailyRecord(day: today.adding(days: 3), illness: [.fever])]
        #expect(assess(normalMetrics, history: h) == assess(normalMetrics, history: h + future))
    }

    @Test func mostConservativeWinsAndReasonsOrdered() {
        let a = assess(Metrics(hrvMs: 52, rhrBpm: 45, sleepHours: 7.5), pain: [Pain(location: .knee, score: 6)],
                       illness: [.congestion], planned: threshold60)
        #expect(a.decision == .crossTrain)
        #expect(a.reasons.first == "knee pain 6/10")
        #expect(a.reasons.contains("HRV below your normal range"))
        #expect(a.reasons.contains("congestion (above the neck)"))
        #expect(a.alert?.decision == .crossTrain)
    }

    @Test func scoreBandsAndContributors() {
        let good = assess(normalMetrics, planned: threshold60)
        #expect(good.band == .green)
        let bad = assess(Metrics(hrvMs: 40, rhrBpm: 58, sleepHours: 4.5, fatigue: Score(value: 5, outOf: 5)),
                         planned: threshold60)
        #expect(bad.band == .red)
        #expect(bad.score < good.score)
        #expect(bad.contributors.first?.name == "HRV")
        #expect(bad.contributors.allSatisfy { $0.impact != 0 })
        let magnitudes = bad.contributors.map { abs($0.impact) }
        #expect(magnitudes == magnitudes.sorted(by: >))
        #expect(Set(bad.contributors.map(\.name)).isSubset(of: ["HRV", "resting HR", "sleep", "wellness", "load"]))
    }

    @Test func scoreClamps() {
        let (low, _) = ReadinessScore.score([RuleFinding(rule: "x", category: .hrv, impact: -500)])
        let (high, _) = ReadinessScore.score([RuleFinding(rule: "x", category: .hrv, impact: 500)])
        #expect(low == 0)
        #expect(high == 100)
        #expect(ReadinessScore.score([]).score == ReadinessScore.neutral)
    }

    @Test func nothingPlanned() {
        let fine = assess(normalMetrics, planned: nil)
        #expect(fine.decision == .asPlanned)
        #expect(fine.workout == nil)
        let sick = assess(Metrics(temperatureC: 39), planned: nil)
        #expect(sick.workout == WorkoutSpec(type: .rest))
        let sore = assess(normalMetrics, pain: [Pain(location: .heel, score: 7)], planned: nil)
        #expect(sore.workout?.type == .cross)
        #expect(sore.crossTrainingModality == "deep-water running (pool running)")
    }

    @Test func plannedRestKeepsStrongerDecisionsAndTheirAlerts() {
        let rest = WorkoutSpec(type: .rest)
        let fever = assess(Metrics(temperatureC: 38.5), planned: rest)
        #expect(fever.decision == .rest)
        #expect(fever.alert != nil)
        let lowHRV = assess(Metrics(hrvMs: 52), planned: rest)
        #expect(lowHRV.decision == .rest)
        #expect(lowHRV.alert == nil)
    }

    @Test func noHistoryNoCrash() {
        let a = assess(Metrics(hrvMs: 50, rhrBpm: 60, sleepHours: 7), history: [])
        #expect(a.decision == .asPlanned)
        #expect(a.acwr == nil)
        #expect(!a.hrvTrendDown)
        #expect(a.hrvBaselineProgress == 1)
    }

    @Test func fastEnoughForEveryMessage() {
        var h = baselineHistory(days: 60)
        for ago in 1...60 { h = with(h, daysAgo: ago) { $0.sessions = [LoggedSession(minutes: 45, km: 9, rpe: 5)] } }
        let input = AssessmentInput(today: today, checkin: DailyRecord(day: today, metrics: normalMetrics),
                                    planned: threshold60, history: h)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<1_000 { _ = ReadinessEngine.assess(input) }
        }
        // Generous bound for debug builds on a slow CI machine: well under 1 ms per assessment.
        #expect(elapsed < .seconds(2))
    }
}
