import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct PainRulesTests {
    func decision(_ score: Double?, gait: Bool = false, flags: [PainRedFlag] = [], at l: BodyLocation = .knee) -> Decision {
        PainRules.rule(Pain(location: l, score: score, gaitAffected: gait, redFlags: flags)).decision
    }

    @Test func mildBoundary() {
        #expect(decision(0) == .asPlanned)
        #expect(decision(3) == .asPlanned)
        #expect(decision(3.5) == .asPlanned)
        #expect(decision(4) == .reduceIntensity)
        #expect(PainRules.rule(Pain(location: .knee, score: 3)).alert == nil)
        #expect(PainRules.needsReminder(Pain(location: .knee, score: 3)))
        #expect(!PainRules.needsReminder(Pain(location: .knee, score: 4)))
    }

    @Test func moderateIsEasyFlatShorterWithAlert() {
        let f = PainRules.rule(Pain(location: .calf, side: .right, score: 5))
        #expect(f.decision == .reduceIntensity)
        #expect(f.modifiers == [.shorter, .flat, .easyRun])
        #expect(f.alert == "right calf pain 5/10")
        #expect(decision(5.9) == .reduceIntensity)
        #expect(decision(6) == .crossTrain)
    }

    @Test func noRunningBoundary() {
        #expect(decision(7.9) == .crossTrain)
        #expect(decision(8) == .seePhysio)
        #expect(decision(1, gait: true) == .crossTrain)
        #expect(PainRules.rule(Pain(location: .knee, score: 1, gaitAffected: true)).alert == "knee pain 1/10, limping")
        #expect(decision(7, at: .general) == .rest)
    }

    @Test(arguments: PainRedFlag.allCases)
    func redFlagsRefer(flag: PainRedFlag) {
        #expect(decision(1, flags: [flag]) == .seePhysio)
        #expect(PainRules.rule(Pain(location: .shin, score: 1, redFlags: [flag])).alert != nil)
    }

    @Test func missingScoreTreatedAsModerate() {
        let f = PainRules.rule(Pain(location: .achilles, side: .left))
        #expect(f.decision == .reduceIntensity)
        #expect(f.reason == "left achilles pain (no score given)")
    }

    @Test func modalityByLocation() {
        let pool = "deep-water running (pool running)"
        #expect(PainRules.modality(for: .achilles) == pool)
        #expect(PainRules.modality(for: .plantarFascia) == pool)
        #expect(PainRules.modality(for: .heel) == pool)
        #expect(PainRules.modality(for: .foot) == pool)
        #expect(PainRules.modality(for: .itBand) == "cycling (seated)")
        #expect(PainRules.modality(for: .knee) == "cycling (seated)")
        #expect(PainRules.modality(for: .shin) == "elliptical or deep-water running")
        #expect(PainRules.modality(for: .calf) == "cycling (seated)")
        #expect(PainRules.modality(for: .hip) == "deep-water running or swimming")
        #expect(PainRules.modality(for: .groin) == "deep-water running or swimming")
        #expect(PainRules.modality(for: .hamstring) == "deep-water running")
    }

    @Test func worstPainPicksModality() {
        let a = assess(normalMetrics, pain: [Pain(location: .knee, score: 6), Pain(location: .shin, score: 7)])
        #expect(a.crossTrainingModality == "elliptical or deep-water running")
        #expect(a.alert?.reasons.count == 2)
    }

    @Test func recurringBoundary() {
        #expect(PainRules.recurring(location: .knee, days: 2) == nil)
        let f = PainRules.recurring(location: .knee, days: 3)
        #expect(f?.alert == "knee pain on 3 of the last 7 days")
        #expect(f?.decision == .asPlanned)
    }

    @Test func recurringInEngineUsesSevenDayWindow() {
        var h = baselineHistory()
        h = with(h, daysAgo: 2) { $0.pain = [Pain(location: .knee, score: 2)] }
        h = with(h, daysAgo: 7) { $0.pain = [Pain(location: .knee, score: 2)] }   // outside: only 2 of 7
        let two = assess(normalMetrics, pain: [Pain(location: .knee, score: 2)], history: h)
        #expect(two.alert == nil)
        h = with(h, daysAgo: 6) { $0.pain = [Pain(location: .knee, side: .right, score: 1)] }
        let three = assess(normalMetrics, pain: [Pain(location: .knee, side: .left, score: 2)], history: h)
        #expect(three.decision == .asPlanned)
        #expect(three.alert?.reasons == ["knee pain on 3 of the last 7 days"])
    }

    @Test func cardiacDecisionDoesNotHideReminder() {
        let a = assess(Metrics(hrvMs: 52, rhrBpm: 45), pain: [Pain(location: .knee, score: 2)], planned: threshold60)
        #expect(a.painReminder)
        let x = assess(normalMetrics, pain: [Pain(location: .knee, score: 2), Pain(location: .achilles, score: 6)])
        #expect(!x.painReminder)
    }
}
