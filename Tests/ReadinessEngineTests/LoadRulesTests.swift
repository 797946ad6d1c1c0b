import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct LoadRulesTests {
    @Test func sessionLoad() {
        #expect(LoggedSession(minutes: 50, rpe: 6).load == 300)
        #expect(LoadRules.dailyLoad(DailyRecord(day: today, sessions: [
            LoggedSession(minutes: 50, rpe: 6), LoggedSession(minutes: 20, rpe: 3, isRun: false),
        ])) == 360)
        #expect(LoadRules.dailyLoad(nil) == 0)
    }

    @Test func lambdas() {
        #expect(LoadRules.lambda(7) == 0.25)
        #expect(abs(LoadRules.lambda(28) - 2.0 / 29.0) < 1e-12)
    }

    @Test func steadyLoadIsOne() throws {
        let r = try #require(LoadRules.acwr(dailyLoads: Array(repeating: 300, count: 40)))
        #expect(abs(r - 1) < 1e-9)
    }

    @Test func needs28Days() {
        #expect(LoadRules.acwr(dailyLoads: Array(repeating: 300, count: 27)) == nil)
        #expect(LoadRules.acwr(dailyLoads: Array(repeating: 300, count: 28)) != nil)
        #expect(LoadRules.acwr(dailyLoads: Array(repeating: 0, count: 40)) == nil)
    }

    @Test func restDaysCountAsZero() throws {
        // Every other day 600 → mean 300/day: still about 1.
        let loads = (0..<42).map { $0 % 2 == 0 ? 600.0 : 0 }
        let r = try #require(LoadRules.acwr(dailyLoads: loads))
        #expect(abs(r - 1) < 0.2)
    }

    @Test func spikeRaisesRatio() throws {
        let loads = Array(repeating: 200.0, count: 35) + Array(repeating: 600.0, count: 7)
        let r = try #require(LoadRules.acwr(dailyLoads: loads))
        #expect(r > 1.5)
    }

    @Test func acwrRuleBoundary() {
        #expect(LoadRules.acwrRule(1.5)?.decision == .asPlanned)
        #expect(LoadRules.acwrRule(1.51)?.decision == .reduceVolume)
        #expect(LoadRules.acwrRule(1.51)?.modifiers == [.shorter])
        #expect(LoadRules.acwrRule(3)?.decision == .reduceVolume)   // never rest
        #expect(LoadRules.acwrRule(1.0)?.impact == 2)
        #expect(LoadRules.acwrRule(0.5) == nil)
    }

    @Test func engineACWR() throws {
        var h = baselineHistory(days: 42)
        for i in 0..<42 {
            let ago = 42 - i
            h = with(h, daysAgo: ago) { $0.sessions = [LoggedSession(minutes: 40, rpe: ago <= 7 ? 10 : 3)] }
        }
        let a = assess(normalMetrics, planned: WorkoutSpec(type: .easy, minutes: 40), history: h)
        let r = try #require(a.acwr)
        #expect(r > 1.5)
        #expect(a.decision == .reduceVolume)
        #expect(a.workout?.minutes == 28)
        #expect(assess(normalMetrics, history: baselineHistory(days: 20)).acwr == nil)
        #expect(assess(normalMetrics, history: baselineHistory(days: 28)).acwr == nil)   // no load at all
    }

    @Test func singleSessionSpikeBoundary() {
        #expect(LoadRules.sessionSpike(minutes: 66, km: nil, longestMinutes: 60, longestKm: 0, otherFlags: false) == nil)
        let warn = LoadRules.sessionSpike(minutes: 66.1, km: nil, longestMinutes: 60, longestKm: 0, otherFlags: false)
        #expect(warn?.decision == .asPlanned)
        #expect(warn?.reason != nil)
        #expect(LoadRules.sessionSpike(minutes: nil, km: 11, longestMinutes: 0, longestKm: 10, otherFlags: false) == nil)
        #expect(LoadRules.sessionSpike(minutes: nil, km: 11.1, longestMinutes: 0, longestKm: 10, otherFlags: false) != nil)
        #expect(LoadRules.sessionSpike(minutes: 90, km: nil, longestMinutes: 0, longestKm: 0, otherFlags: true) == nil)
        let shorten = LoadRules.sessionSpike(minutes: 90, km: nil, longestMinutes: 60, longestKm: 0, otherFlags: true)
        #expect(shorten?.decision == .reduceVolume)
    }

    @Test func engineSpikeUsesLast30DaysOfRuns() {
        var h = baselineHistory(days: 40)
        h = with(h, daysAgo: 35) { $0.sessions = [LoggedSession(minutes: 120, rpe: 4)] }   // outside 30 days
        h = with(h, daysAgo: 10) { $0.sessions = [LoggedSession(minutes: 60, rpe: 4)] }
        h = with(h, daysAgo: 5) { $0.sessions = [LoggedSession(minutes: 200, rpe: 1, isRun: false)] }  // not a run
        // A planned run is compared only for an athlete who logs (8 of the last 28 days).
        for ago in stride(from: 6, through: 27, by: 3) where ago != 10 {
            h = with(h, daysAgo: ago) { $0.sessions = [LoggedSession(minutes: 30, rpe: 3)] }
        }
        let long = WorkoutSpec(type: .long, minutes: 80)
        let warnOnly = assess(normalMetrics, planned: long, history: h)
        #expect(warnOnly.decision == .asPlanned)
        #expect(warnOnly.reasons.contains { $0.hasPrefix("run much longer than usual") })
        let flagged = assess(Metrics(hrvMs: 60, rhrBpm: 45, sleepHours: 5.5), planned: long, history: h)
        #expect(flagged.decision == .reduceVolume)
        #expect(flagged.workout?.minutes == 56)
        #expect(assess(normalMetrics, planned: WorkoutSpec(type: .long, minutes: 66), history: h).decision == .asPlanned)
        // Without enough logs, a planned run is not compared with a single logged one.
        let sparse = with(baselineHistory(days: 40), daysAgo: 10) { $0.sessions = [LoggedSession(minutes: 60, rpe: 4)] }
        #expect(!assess(normalMetrics, planned: long, history: sparse).reasons.contains { $0.hasPrefix("run much longer") })
    }
}
