import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct PrescriptionTests {
    @Test func asPlannedKeepsWorkout() {
        #expect(Prescription.workout(planned: threshold60, decision: .asPlanned) == threshold60)
        #expect(Prescription.workout(planned: nil, decision: .asPlanned) == nil)
    }

    @Test func reduceVolumeShortensAbout30Percent() {
        let w = Prescription.workout(planned: WorkoutSpec(type: .long, minutes: 100, km: 20), decision: .reduceVolume)
        #expect(w == WorkoutSpec(type: .long, minutes: 70, km: 14))
    }

    @Test func reduceIntensityKeepsShape() {
        let w = Prescription.workout(planned: threshold60, decision: .reduceIntensity)
        #expect(w?.type == .threshold)
        #expect(w?.minutes == 60)
        #expect(w?.description == threshold60.description)
        #expect(w?.target != threshold60.target)
    }

    @Test func easyAerobicTurnsHardIntoEasy() {
        let w = Prescription.workout(planned: threshold60, decision: .easyAerobic)
        #expect(w?.type == .easy)
        #expect(w?.minutes == 60)
        let long = Prescription.workout(planned: WorkoutSpec(type: .long, minutes: 100, km: 20), decision: .easyAerobic)
        #expect(long?.minutes == 60)
        #expect(long?.km == 12)
        #expect(Prescription.workout(planned: easy45, decision: .easyAerobic)?.minutes == 45)
    }

    @Test func crossTrainAt80Percent() {
        let w = Prescription.workout(planned: WorkoutSpec(type: .tempo, minutes: 50, km: 10), decision: .crossTrain,
                                     modality: "cycling (seated)")
        #expect(w == WorkoutSpec(type: .cross, minutes: 40, description: "cycling (seated)", target: Prescription.crossTrainTarget))
        #expect(Prescription.workout(planned: nil, decision: .crossTrain, modality: "x")?.type == .cross)
    }

    @Test func restAndReferral() {
        #expect(Prescription.workout(planned: threshold60, decision: .rest) == WorkoutSpec(type: .rest))
        #expect(Prescription.workout(planned: nil, decision: .rest) == WorkoutSpec(type: .rest))
        #expect(Prescription.workout(planned: easy45, decision: .seePhysio)?.type == .rest)
        let restDay = WorkoutSpec(type: .rest, description: "recovery day")
        #expect(Prescription.workout(planned: restDay, decision: .reduceIntensity) == restDay)
    }

    @Test func modifiersApplyUpToEasyAerobic() {
        let w = Prescription.workout(planned: threshold60, decision: .reduceIntensity, modifiers: [.shorter, .flat, .easyRun])
        #expect(w?.type == .easy)
        #expect(w?.minutes == 42)
        #expect(w?.description?.hasSuffix("flat route") == true)
        let once = Prescription.workout(planned: easy45, decision: .reduceVolume, modifiers: [.shorter])
        #expect(once?.minutes == 31)   // 45 × 0.7, shortened once only
    }
}
