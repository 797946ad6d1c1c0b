import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct HRVRuleTests {
    let b = Baseline.unit  // mean 4.0, sd 0.1

    @Test func lowBoundary() {
        #expect(HRVRule.level(ln: 3.9, baseline: b) == .normal)       // exactly mean − 1 SD: not below
        #expect(HRVRule.level(ln: 3.8999, baseline: b) == .low)
    }

    @Test func veryLowBoundary() {
        #expect(HRVRule.level(ln: 3.8, baseline: b) == .low)          // exactly mean − 2 SD
        #expect(HRVRule.level(ln: 3.7999, baseline: b) == .veryLow)
    }

    @Test func highBoundary() {
        #expect(HRVRule.level(ln: 4.2, baseline: b) == .normal)
        #expect(HRVRule.level(ln: 4.2001, baseline: b) == .high)
    }

    @Test func consecutiveLowDecisions() {
        #expect(HRVRule.consecutiveLow(days: 0, todayVeryLow: false) == nil)
        #expect(HRVRule.consecutiveLow(days: 1, todayVeryLow: false)?.decision == .reduceIntensity)
        #expect(HRVRule.consecutiveLow(days: 1, todayVeryLow: true)?.decision == .easyAerobic)
        let two = HRVRule.consecutiveLow(days: 2, todayVeryLow: false)
        #expect(two?.decision == .easyAerobic)
        #expect(two?.alert == nil)
        #expect(two?.reason == "HRV below your normal range (2nd day in a row)")
        let three = HRVRule.consecutiveLow(days: 3, todayVeryLow: false)
        #expect(three?.decision == .rest)
        #expect(three?.alert == "HRV low 3 days in a row")
        #expect(HRVRule.consecutiveLow(days: 5, todayVeryLow: false)?.decision == .rest)
    }

    @Test func baselineNeedsSevenReadings() {
        let six = assess(Metrics(hrvMs: 30), planned: threshold60, history: baselineHistory(days: 6))
        #expect(six.decision == .asPlanned)
        #expect(six.hrvBaselineProgress == 7)
        let seven = assess(Metrics(hrvMs: 30), planned: threshold60, history: baselineHistory(days: 7))
        #expect(seven.decision > .asPlanned)
        #expect(seven.hrvBaselineProgress == nil)
    }

    @Test func progressCounts() {
        #expect(HRVRule.progress(previousReadings: 0, hasToday: true) == 1)
        #expect(HRVRule.progress(previousReadings: 3, hasToday: false) == 3)
        #expect(HRVRule.progress(previousReadings: 6, hasToday: true) == 7)
        #expect(HRVRule.progress(previousReadings: 7, hasToday: true) == nil)
        #expect(assess(Metrics(sleepHours: 7), history: []).hrvBaselineProgress == nil)
        #expect(assess(Metrics(hrvMs: 50), history: []).hrvBaselineProgress == 1)
    }

    @Test func readingsOlderThanSixtyDaysIgnored() {
        let old = baselineHistory(days: 10).map { r -> DailyRecord in
            var r = r
            r.day = r.day.adding(days: -55)  // days −65…−56: only 5 within 60 days
            return r
        }
        #expect(assess(Metrics(hrvMs: 30), history: old).hrvBaselineProgress == 6)
    }

    @Test func gapEndsLowStreak() {
        var h = baselineHistory()
        h = with(h, daysAgo: 1) { $0.metrics.hrvMs = nil }
        h = with(h, daysAgo: 2) { $0.metrics.hrvMs = 52 }
        let a = assess(Metrics(hrvMs: 52), planned: threshold60, history: h)
        #expect(a.decision == .reduceIntensity)
    }

    @Test func trendBoundary() {
        #expect(!HRVRule.isTrendDown(rollingMean: 3.95, baseline: b))
        #expect(HRVRule.isTrendDown(rollingMean: 3.9499, baseline: b))
        #expect(!HRVRule.isTrendDown(rollingMean: nil, baseline: b))
        #expect(HRVRule.trend(true)?.decision == .asPlanned)
        #expect(HRVRule.trend(false) == nil)
    }

    @Test func trendInEngineNeedsThreeReadings() {
        var h = baselineHistory(days: 40)
        for ago in 1...6 { h = with(h, daysAgo: ago) { $0.metrics.hrvMs = 56 } }
        let a = assess(Metrics(hrvMs: 56), history: h)
        #expect(a.hrvTrendDown)
        #expect(a.reasons.contains("HRV trending down over the last week"))
        #expect(a.alert == nil)
        var sparse = baselineHistory(days: 40)
        for ago in 1...6 { sparse = with(sparse, daysAgo: ago) { $0.metrics.hrvMs = ago == 1 ? 56 : nil } }
        #expect(!assess(Metrics(hrvMs: 56), history: sparse).hrvTrendDown)
    }

    @Test func highHRVWarning() {
        #expect(HRVRule.highWarning(level: .high, rhrElevated: true, ill: false)?.decision == .reduceIntensity)
        #expect(HRVRule.highWarning(level: .high, rhrElevated: false, ill: true) != nil)
        #expect(HRVRule.highWarning(level: .high, rhrElevated: false, ill: false) == nil)
        #expect(HRVRule.highWarning(level: .normal, rhrElevated: true, ill: true) == nil)
        let a = assess(Metrics(hrvMs: 90, rhrBpm: 51), planned: threshold60)
        #expect(a.findings.contains { $0.rule == "hrv.high-warning" })
    }

    @Test func scoreImpactSigned() {
        #expect(HRVRule.scoreImpact(z: 0) == 0)
        #expect(HRVRule.scoreImpact(z: -1) == -12)
        #expect(HRVRule.scoreImpact(z: -5) == -30)
        #expect(HRVRule.scoreImpact(z: 5) == 8)
    }
}
