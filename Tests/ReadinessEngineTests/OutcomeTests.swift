import CoachCore
import Testing
@testable import ReadinessEngine

/// The spec's "clear-cut outcomes that must hold", one test per row.
@Suite struct ClearCutOutcomeTests {
    @Test func allNormalThresholdAsPlanned() {
        let a = assess(normalMetrics, planned: threshold60)
        #expect(a.decision == .asPlanned)
        #expect(a.alert == nil)
        #expect(a.workout == threshold60)
        #expect(a.band == .green)
        #expect(a.hrvBaselineProgress == nil)
    }

    @Test func firstLowHRVDayReducesIntensity() {
        let a = assess(Metrics(hrvMs: 52, rhrBpm: 45, sleepHours: 7.5), planned: threshold60)
        #expect(a.decision == .reduceIntensity || a.decision == .easyAerobic)
        #expect(a.decision == .reduceIntensity)
        #expect(a.alert == nil)
        #expect(a.reasons.contains("HRV below your normal range"))
        #expect(a.workout?.type == .threshold)
        #expect(a.workout?.minutes == 60)
    }

    @Test func lowHRVThreeDaysRests() {
        var h = baselineHistory()
        h = with(h, daysAgo: 1) { $0.metrics.hrvMs = 52 }
        h = with(h, daysAgo: 2) { $0.metrics.hrvMs = 52 }
        let a = assess(Metrics(hrvMs: 52, rhrBpm: 45, sleepHours: 7.5), planned: threshold60, history: h)
        #expect(a.decision == .rest)
        #expect(a.alert != nil)
        #expect(a.alert?.reasons.contains("HRV low 3 days in a row") == true)
        #expect(a.reasons.first == "HRV below your normal range (3rd day in a row)")
        #expect(a.workout?.type == .rest)
    }

    @Test func highRHRAndLowHRVEasyAerobicNoAlert() {
        let a = assess(Metrics(hrvMs: 52, rhrBpm: 55, sleepHours: 7.5), planned: intervals50)
        #expect(a.decision == .easyAerobic)
        #expect(a.alert == nil)
        #expect(a.reasons.contains("resting HR +10 bpm over baseline"))
        #expect(a.workout?.type == .easy)
        #expect((a.workout?.minutes ?? 99) <= 50)
    }

    @Test func highRHRAndVeryLowHRVRestsWithAlert() {
        let a = assess(Metrics(hrvMs: 45, rhrBpm: 56, sleepHours: 7.5), planned: intervals50)
        #expect(a.decision == .rest)
        #expect(a.alert != nil)
    }

    @Test func achillesSixCrossTrainsInPool() {
        let a = assess(normalMetrics, pain: [Pain(location: .achilles, side: .left, score: 6)], planned: easy45)
        #expect(a.decision == .crossTrain)
        #expect(a.crossTrainingModality == "deep-water running (pool running)")
        #expect(a.workout == WorkoutSpec(type: .cross, minutes: 36, description: "deep-water running (pool running)",
                                         target: Prescription.crossTrainTarget))
        #expect(a.alert?.reasons == ["left achilles pain 6/10"])
        #expect(a.reasons.contains("left achilles pain 6/10"))
    }

    @Test func mildKneePainAsPlannedWithReminder() {
        let a = assess(normalMetrics, pain: [Pain(location: .knee, score: 2)], planned: easy45)
        #expect(a.decision == .asPlanned || a.decision == .reduceIntensity)
        #expect(a.decision == .asPlanned)
        #expect(a.alert == nil)
        #expect(a.painReminder)
    }

    @Test(arguments: [easy45, threshold60, intervals50, WorkoutSpec(type: .long, minutes: 100)])
    func limpingCrossTrainsOrRests(planned: WorkoutSpec) {
        let a = assess(normalMetrics, pain: [Pain(location: .knee, gaitAffected: true)], planned: planned)
        #expect(a.decision == .crossTrain || a.decision == .rest)
        #expect(a.alert != nil)
        #expect(a.workout?.type == .cross || a.workout?.type == .rest)
    }

    @Test(arguments: [easy45, threshold60, WorkoutSpec(type: .strength, minutes: 40), WorkoutSpec(type: .rest)])
    func feverRests(planned: WorkoutSpec) {
        let a = assess(Metrics(temperatureC: 38.4), illness: [.fever], planned: planned)
        #expect(a.decision == .rest)
        #expect(a.alert != nil)
        #expect(a.reasons.contains("fever 38.4 °C"))
    }

    @Test func aboveNeckOnlyEasyAerobic() {
        let a = assess(normalMetrics, illness: [.soreThroat, .congestion], planned: threshold60)
        #expect(a.decision == .easyAerobic)
        #expect(a.alert == nil)
        #expect(a.workout?.type == .easy)
        #expect((a.workout?.minutes ?? 99) < 60)
    }

    @Test func sleptFourHoursIntervalsReduceIntensity() {
        let a = assess(Metrics(hrvMs: 60, rhrBpm: 45, sleepHours: 4), planned: intervals50)
        #expect(a.decision == .reduceIntensity || a.decision == .easyAerobic)
        #expect(a.alert == nil)
        #expect(a.reasons.contains("slept 4 h"))
    }

    @Test(arguments: [easy45, threshold60, WorkoutSpec(type: .rest)])
    func bonyNightShinPainSeesPhysio(planned: WorkoutSpec) {
        let a = assess(normalMetrics, pain: [Pain(location: .shin, score: 5, redFlags: [.bony, .night])], planned: planned)
        #expect(a.decision == .seePhysio)
        #expect(a.alert != nil)
        #expect(a.workout?.type == .rest)
    }

    @Test func plannedRestDayStaysRestWithoutAlert() {
        let a = assess(normalMetrics, planned: WorkoutSpec(type: .rest))
        #expect(a.decision == .rest)
        #expect(a.alert == nil)
        #expect(a.workout == WorkoutSpec(type: .rest))
    }
}
