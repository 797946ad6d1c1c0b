import CoachCore
import Testing
@testable import ReadinessEngine

/// The rules readiness-rules.md added after a week of real use (issue 15).
@Suite struct Issue15RulesTests {
    /// After a month with no logged sessions, one easy run is not a load spike: ACWR needs logs on
    /// at least 8 of the last 28 days.
    @Test func acwrNeedsEightLoggedDaysOfTheLast28() {
        let oneRun = with(baselineHistory(), daysAgo: 1) { $0.sessions = [LoggedSession(minutes: 45, rpe: 4)] }
        let a = assess(normalMetrics, planned: threshold60, history: oneRun)
        #expect(a.acwr == nil)
        #expect(a.decision == .asPlanned)
        var logged = baselineHistory()
        for ago in 1...10 { logged = with(logged, daysAgo: ago) { $0.sessions = [LoggedSession(minutes: 45, rpe: 4)] } }
        #expect(assess(normalMetrics, planned: threshold60, history: logged).acwr != nil)
    }

    /// The band never contradicts the decision: rest for illness shows red, and a decision milder
    /// than rest never shows red.
    @Test func theBandFollowsTheDecision() {
        let fever = assess(normalMetrics, illness: [.fever], planned: threshold60)
        #expect(fever.decision == .rest)
        #expect(fever.band == .red)
        let throat = assess(normalMetrics, illness: [.soreThroat, .congestion], planned: threshold60)
        #expect(throat.decision == .easyAerobic)
        #expect(throat.band == .amber)
        let bad = assess(Metrics(hrvMs: 30, rhrBpm: 60, sleepHours: 3, fatigue: Score(value: 5, outOf: 5)), planned: threshold60)
        if bad.decision < .rest { #expect(bad.band != .red) } else { #expect(bad.band == .red) }
    }

    /// `temp 41` refers the athlete to a doctor, and says so.
    @Test func aHighFeverRefersToADoctor() {
        let a = assess(Metrics(temperatureC: 41), illness: [.fever], planned: easy45)
        #expect(a.decision == .seePhysio)
        #expect(a.band == .red)
        #expect(a.alert != nil)
    }

    /// A logged run more than 10% longer than any of the last 30 days is named among the reasons.
    @Test func aMuchLongerRunIsWarnedAbout() {
        var h = baselineHistory()
        for ago in stride(from: 2, through: 28, by: 3) { h = with(h, daysAgo: ago) { $0.sessions = [LoggedSession(minutes: 50, km: 10, rpe: 4)] } }
        let a = assess(normalMetrics, sessions: [LoggedSession(minutes: 120, km: 25, rpe: 6)], planned: easy45, history: h)
        #expect(a.reasons.contains { $0.contains("much longer than usual") })
        // Logged yesterday: among this morning's reasons, without changing the workout.
        let logged = with(h, daysAgo: 1) { $0.sessions = [LoggedSession(minutes: 120, km: 25, rpe: 6)] }
        let next = assess(normalMetrics, planned: easy45, history: logged)
        #expect(next.reasons.contains { $0.hasPrefix("yesterday's run much longer than usual") })
        #expect(next.findings.first { $0.rule == "load.session-spike-yesterday" }?.decision == .asPlanned)
    }
}
