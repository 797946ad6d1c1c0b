import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct RHRRuleTests {
    @Test func levels() {
        #expect(RHRRule.level(delta: 4.9) == .normal)
        #expect(RHRRule.level(delta: 5) == .elevated)
        #expect(RHRRule.level(delta: 9.9) == .elevated)
        #expect(RHRRule.level(delta: 10) == .stronglyElevated)
    }

    @Test func alone() {
        #expect(RHRRule.alone(delta: 4.9) == nil)
        #expect(RHRRule.alone(delta: 5)?.decision == .reduceIntensity)
        #expect(RHRRule.alone(delta: 11)?.decision == .easyAerobic)
        #expect(RHRRule.alone(delta: 11)?.reason == "resting HR +11 bpm over baseline")
        #expect(RHRRule.alone(delta: 11)?.alert == nil)
    }

    @Test func combinedWeighsMore() {
        #expect(RHRRule.combined(hrv: .normal, rhr: .stronglyElevated, delta: 10) == nil)
        #expect(RHRRule.combined(hrv: .low, rhr: .normal, delta: 2) == nil)
        #expect(RHRRule.combined(hrv: .low, rhr: .elevated, delta: 5)?.decision == .easyAerobic)
        #expect(RHRRule.combined(hrv: .low, rhr: .stronglyElevated, delta: 10)?.decision == .easyAerobic)
        #expect(RHRRule.combined(hrv: .veryLow, rhr: .elevated, delta: 9)?.decision == .easyAerobic)
        let severe = RHRRule.combined(hrv: .veryLow, rhr: .stronglyElevated, delta: 10)
        #expect(severe?.decision == .rest)
        #expect(severe?.alert != nil)
    }

    @Test func baselineNeedsSevenReadingsIn28Days() {
        let six = assess(Metrics(rhrBpm: 60), planned: threshold60, history: baselineHistory(days: 6, hrv: nil))
        #expect(six.decision == .asPlanned)
        let seven = assess(Metrics(rhrBpm: 60), planned: threshold60, history: baselineHistory(days: 7, hrv: nil))
        #expect(seven.decision == .easyAerobic)
    }

    @Test func onlyLast28DaysCount() {
        // 30 days of 45±2, then the oldest 2 days (−30, −29) pushed to 70: outside the window.
        var h = baselineHistory(days: 30, hrv: nil)
        h = with(h, daysAgo: 30) { $0.metrics.rhrBpm = 70 }
        h = with(h, daysAgo: 29) { $0.metrics.rhrBpm = 70 }
        #expect(assess(Metrics(rhrBpm: 49.9), history: h).decision == .asPlanned)
        #expect(assess(Metrics(rhrBpm: 50), history: h).decision == .reduceIntensity)
    }

    @Test func scoreImpact() {
        #expect(RHRRule.scoreImpact(delta: 0) == 0)
        #expect(RHRRule.scoreImpact(delta: 4) == -10)
        #expect(RHRRule.scoreImpact(delta: 20) == -25)
        #expect(RHRRule.scoreImpact(delta: -3) == 3)
    }
}
