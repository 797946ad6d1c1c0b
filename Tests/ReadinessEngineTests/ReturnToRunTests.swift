import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct ReturnToRunTests {
    func clean(_ ago: Int) -> DailyRecord { DailyRecord(day: today.adding(days: -ago), decision: .asPlanned) }

    /// History: a cross-train day for achilles pain `spellAgo` days ago, then the given later days.
    func history(spellAgo: Int, _ later: [Int: DailyRecord] = [:], fill: Bool = true) -> [DailyRecord] {
        var h = [DailyRecord(day: today.adding(days: -spellAgo), pain: [Pain(location: .achilles, score: 6)],
                             decision: .crossTrain)]
        for ago in 1..<spellAgo {
            if let r = later[ago] { h.append(r) } else if fill { h.append(clean(ago)) }
        }
        return h
    }

    @Test func replayStages() {
        #expect(ReturnToRun.replay([]) == (1, false))
        #expect(ReturnToRun.replay([clean(3)]) == (2, false))                    // walk done, no rest needed
        #expect(ReturnToRun.replay([clean(3), clean(2)]) == (3, true))          // jog stage done → rest day
        #expect(ReturnToRun.replay([clean(3), clean(2), clean(1)]) == (3, false)) // rest day taken
        #expect(ReturnToRun.replay([clean(3), nil, clean(1)]) == (3, true))     // missing day: no progress
    }

    @Test func painStepsBack() {
        var sore = clean(1)
        sore.pain = [Pain(location: .achilles, score: 2)]
        #expect(ReturnToRun.replay([clean(3), clean(2), sore]) == (2, false))
        var limp = clean(1)
        limp.pain = [Pain(location: .achilles, score: 0, gaitAffected: true)]
        #expect(ReturnToRun.replay([clean(2), limp]) == (1, false))
    }

    @Test func firstPainFreeDayIsAWalk() {
        let a = assess(normalMetrics, planned: threshold60, history: baselineHistory() + history(spellAgo: 1))
        #expect(a.returnToRunStage == ReturnToRunStage(stage: 1, isRestDay: false, summary: "pain-free walk 30 min"))
        #expect(a.decision == .easyAerobic)
        #expect(a.workout?.description == "pain-free walk 30 min")
        #expect(a.alert == nil)
    }

    @Test func restDayBetweenRunsDoesNotAlert() {
        let a = assess(Metrics(), planned: easy45, history: history(spellAgo: 3))
        #expect(a.returnToRunStage?.isRestDay == true)
        #expect(a.decision == .rest)
        #expect(a.alert == nil)
    }

    @Test func todaysMildPainStepsBackAndStrongPainEndsIt() {
        let h = history(spellAgo: 4)   // walk, jog1, rest → next stage 3
        #expect(assess(Metrics(), planned: easy45, history: h).returnToRunStage?.stage == 3)
        let mild = assess(Metrics(), pain: [Pain(location: .achilles, score: 2)], planned: easy45, history: h)
        #expect(mild.returnToRunStage?.stage == 2)
        let strong = assess(Metrics(), pain: [Pain(location: .achilles, score: 6)], planned: easy45, history: h)
        #expect(strong.returnToRunStage == nil)
        #expect(strong.decision == .crossTrain)
    }

    @Test func completesAndEnds() {
        // 1 walk + 5 jog stages with rest days between jogs = 10 days; then the plan resumes.
        #expect(ReturnToRun.replay((1...9).reversed().map { clean($0) }) == (6, false))
        #expect(assess(Metrics(), planned: easy45, history: history(spellAgo: 11)).returnToRunStage == nil)
        #expect(assess(Metrics(), planned: easy45, history: history(spellAgo: 40)).returnToRunStage == nil)
    }

    @Test func restWithoutPainIsNotASpell() {
        let h = [DailyRecord(day: today.adding(days: -1), illness: [.fever], decision: .rest)]
        #expect(assess(Metrics(), planned: easy45, history: h).returnToRunStage == nil)
    }

    @Test func reportedButNotAppliedWithoutPlannedRun() {
        let a = assess(Metrics(), planned: WorkoutSpec(type: .strength, minutes: 40), history: history(spellAgo: 1))
        #expect(a.returnToRunStage?.stage == 1)
        #expect(a.decision == .asPlanned)
    }
}
