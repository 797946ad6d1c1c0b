import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct WellnessRulesTests {
    @Test func sleepHoursBoundaries() {
        #expect(WellnessRules.sleepHours(6)?.reason == nil)
        #expect(WellnessRules.sleepHours(5.99)?.reason == "slept 5.99 h")
        #expect(WellnessRules.sleepHours(5.99)?.decision == .asPlanned)
        #expect(WellnessRules.sleepHours(5)?.decision == .asPlanned)
        #expect(WellnessRules.sleepHours(4.99)?.decision == .reduceIntensity)
        #expect(WellnessRules.sleepHours(4)?.reason == "slept 4 h")
        #expect(WellnessRules.sleepHours(4)?.alert == nil)
        #expect((WellnessRules.sleepHours(7)?.impact ?? 0) > 0)
    }

    @Test func sleepQualityBoundary() {
        #expect(WellnessRules.sleepQuality(Score(value: 2, outOf: 5)) != nil)
        #expect(WellnessRules.sleepQuality(Score(value: 3, outOf: 5)) == nil)
    }

    @Test func fatigueAndStressBoundaries() {
        #expect(WellnessRules.highLoadFeeling(.fatigue, Score(value: 4, outOf: 5)) != nil)
        #expect(WellnessRules.highLoadFeeling(.fatigue, Score(value: 3, outOf: 5)) == nil)
        #expect(WellnessRules.highLoadFeeling(.stress, Score(value: 8, outOf: 10))?.reason == "stress 8/10")
        #expect(WellnessRules.highLoadFeeling(.stress, Score(value: 7, outOf: 10)) == nil)
    }

    @Test func moodAndMotivationBoundaries() {
        #expect(WellnessRules.lowSpirits(.mood, Score(value: 2, outOf: 5))?.reason == "low mood (2/5)")
        #expect(WellnessRules.lowSpirits(.motivation, Score(value: 3, outOf: 5)) == nil)
        #expect(WellnessRules.lowSpirits(.motivation, Score(value: 3, outOf: 10)) != nil)   // 1.9 on 5 points
        #expect(WellnessRules.lowSpirits(.motivation, Score(value: 4, outOf: 10)) == nil)   // 2.3 on 5 points
    }

    @Test func personalZBoundaries() {
        #expect(WellnessRules.personal(.fatigue, z: 0.99, withReason: true) == nil)
        #expect(WellnessRules.personal(.fatigue, z: 1, withReason: true)?.impact == -3)
        #expect(WellnessRules.personal(.fatigue, z: 1, withReason: true)?.reason == nil)
        #expect(WellnessRules.personal(.fatigue, z: 1.99, withReason: true)?.impact == -3)
        #expect(WellnessRules.personal(.fatigue, z: 2, withReason: true)?.reason == "fatigue well above your usual")
        #expect(WellnessRules.personal(.sleepHours, z: -2, withReason: true)?.reason == "sleep well below your usual")
        // The good way is not a flag.
        #expect(WellnessRules.personal(.fatigue, z: -3, withReason: true) == nil)
        #expect(WellnessRules.personal(.mood, z: 3, withReason: true) == nil)
    }

    @Test func combinedFlags() {
        #expect(WellnessRules.combined(flagged: [.fatigue, .stress]) == nil)
        #expect(WellnessRules.combined(flagged: [.fatigue, .stress, .mood])?.decision == .reduceIntensity)
    }

    @Test func engineCombinesFlagsWithoutDoubleCounting() {
        let two = assess(Metrics(hrvMs: 60, sleepHours: 5.5, fatigue: Score(value: 4, outOf: 5)), planned: threshold60)
        #expect(two.decision == .asPlanned)
        #expect(two.reasons.contains("slept 5.5 h"))
        #expect(!two.reasons.contains("sleep well below your usual"))
        let three = assess(Metrics(hrvMs: 60, sleepHours: 5.5, fatigue: Score(value: 4, outOf: 5),
                                   stress: Score(value: 9, outOf: 10)), planned: threshold60)
        #expect(three.decision == .reduceIntensity)
        #expect(three.alert == nil)
    }

    @Test func zScoreFromOwnHistory() {
        // Fatigue 2±0.25 for 28 days; today 3/5 is about +4 SD: red in the bad direction, no fixed flag.
        let h = (0..<28).map { i in
            DailyRecord(day: today.adding(days: i - 28),
                        metrics: Metrics(fatigue: Score(value: i % 2 == 0 ? 2.25 : 1.75, outOf: 5)))
        }
        let a = assess(Metrics(fatigue: Score(value: 3, outOf: 5)), history: h)
        #expect(a.reasons.contains("fatigue well above your usual"))
        #expect(a.contributors.contains { $0.name == "wellness" && $0.impact < 0 })
    }
}
