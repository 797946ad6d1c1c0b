import CoachCore
import Conversation
import ReadinessEngine
import Testing
import TrainingEngine

/// training-engine.md §2's example: LT1 12.08 km/h (HR 153), LT2 15.26 km/h (HR 171).
@Suite struct ZoneTextTests {
    static let zones: AthleteZones = {
        let slope = (171.0 - 153.0) / (15.26 - 12.08)
        let line = HRLine(intercept: 153 - slope * 12.08, slope: slope)
        return AthleteZones(sport: .run, zones: Zone.anchored(lt1: 12.08, lt2: 15.26, sport: .run, hr: line))
    }()

    @Test func thresholdSessionInZoneThree() {
        let w = WorkoutSpec(type: .threshold, minutes: 60, description: "4×8 min")
        #expect(WorkoutText.describe(w, zones: Self.zones) == "threshold 60 min: 4×8 min in zone 3, 13.7–15.3 km/h (3:56–4:23 /km), HR 162–171")
    }

    @Test func easyRunShowsZoneOneCeiling() {
        let text = WorkoutText.describe(WorkoutSpec(type: .easy, minutes: 40), zones: Self.zones)
        #expect(text.hasSuffix("keep under 12.1 km/h (4:58 /km), HR 153"))
    }

    @Test func zoneTokenOverridesTheType() {
        let w = WorkoutSpec(type: .long, minutes: 90, target: "z2")
        #expect(WorkoutText.describe(w, zones: Self.zones).contains("in zone 2, 12.1–13.7 km/h"))
    }

    /// "Reduce intensity" lowers a hard session's targets: its figures are the zone below.
    @Test func loweredTargetsShowTheZoneBelow() {
        let intervals = Prescription.lowerTargets(WorkoutSpec(type: .intervals, minutes: 60))
        let text = WorkoutText.describe(intervals, zones: Self.zones)
        #expect(text.contains("in zone 3, 13.7–15.3 km/h"), "\(text)")
        let threshold = Prescription.lowerTargets(WorkoutSpec(type: .threshold, minutes: 50, target: "z3"))
        #expect(WorkoutText.describe(threshold, zones: Self.zones).contains("in zone 2, 12.1–13.7 km/h"))
    }

    @Test func withoutATestTargetsStayWords() {
        let w = WorkoutSpec(type: .threshold, minutes: 60, description: "6x5min", target: "LT2")
        #expect(WorkoutText.describe(w, zones: nil) == WorkoutText.describe(w))
        #expect(WorkoutText.describe(WorkoutSpec(type: .rest), zones: Self.zones) == "rest day")
    }

    @Test func swedishUsesDecimalCommaAndPuls() {
        let text = WorkoutText.describe(WorkoutSpec(type: .easy, minutes: 40), zones: Self.zones, language: .sv)
        #expect(text.hasSuffix("håll under 12,1 km/h (4:58 /km), puls 153"))
    }
}
