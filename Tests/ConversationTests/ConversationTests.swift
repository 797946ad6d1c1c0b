import CoachCore
import Conversation
import Testing

@Suite struct SparklineTests {
    @Test func scalesBetweenLowestAndHighestAndMarksGaps() {
        #expect(Sparkline.render([1, 2, nil, 8]) == "▁▂·█")
        #expect(Sparkline.render([5, 5]) == "▄▄")
        #expect(Sparkline.render([nil, nil]) == "··")
    }
}

@Suite struct ValidationTests {
    func message(_ build: (inout ParsedMessage) -> Void) -> ParsedMessage {
        var m = ParsedMessage(intent: .checkin)
        build(&m)
        return m
    }

    @Test func impossibleValuesAreNamed() {
        let m = message {
            $0.metrics.hrvMs = 900
            $0.metrics.sleepHours = 30
            $0.pain = [Pain(location: .achilles, score: 14)]
        }
        let problems = CheckinValidation.problems(in: m).map(\.description)
        #expect(problems == [
            "HRV 900 ms is not possible (I accept 5–300 ms)",
            "sleep 30 h is not possible (I accept 0–16 h)",
            "achilles pain 14/10 is not possible (I accept 0–10)",
        ])
    }

    @Test(arguments: [(5.0, true), (300.0, true), (4.9, false), (301.0, false)])
    func hrvBoundaries(_ hrv: Double, _ ok: Bool) {
        #expect(CheckinValidation.problems(in: message { $0.metrics.hrvMs = hrv }).isEmpty == ok)
    }

    @Test func scoresBeyondTheirScaleAreRefused() {
        #expect(!CheckinValidation.problems(in: message { $0.metrics.fatigue = Score(value: 7, outOf: 5) }).isEmpty)
        #expect(CheckinValidation.problems(in: message { $0.metrics.fatigue = Score(value: 7, outOf: 10) }).isEmpty)
    }
}

@Suite struct MergeTests {
    let day = Day(ordinal: 20_000)

    @Test func aCorrectionKeepsWhatItDoesNotMention() {
        let earlier = DailyRecord(day: day, metrics: Metrics(hrvMs: 52, temperatureC: 38.4), illness: [.fever])
        let correction = DailyRecord(day: day, metrics: Metrics(sleepHours: 7), pain: [Pain(location: .knee, score: 2)])
        let merged = CheckinMerge.merge(earlier: earlier, correction: correction, denied: [])
        #expect(merged.metrics.hrvMs == 52 && merged.metrics.sleepHours == 7 && merged.metrics.temperatureC == 38.4)
        #expect(merged.illness == [.fever])
        #expect(merged.pain.map(\.location) == [.knee])
    }

    @Test func newValuesReplaceOldOnes() {
        let earlier = DailyRecord(day: day, metrics: Metrics(hrvMs: 26), pain: [Pain(location: .knee, score: 5)])
        let correction = DailyRecord(day: day, metrics: Metrics(hrvMs: 62), pain: [Pain(location: .knee, score: 2)])
        let merged = CheckinMerge.merge(earlier: earlier, correction: correction, denied: [])
        #expect(merged.metrics.hrvMs == 62)
        #expect(merged.pain == [Pain(location: .knee, score: 2)])
    }

    @Test func deniedFactsGo() {
        let earlier = DailyRecord(day: day, soreness: [Soreness(location: .legs)], pain: [Pain(location: .knee, score: 3)], illness: [.fever, .cough])
        let merged = CheckinMerge.merge(earlier: earlier, correction: DailyRecord(day: day), denied: [.pain(.knee), .illness(.fever)])
        #expect(merged.pain.isEmpty)
        #expect(merged.illness == [.cough])
        #expect(merged.soreness == [Soreness(location: .legs)])
    }

    /// The 24-hour fever-free clock counts from the last reading of 38.0 °C or more: a lower
    /// reading later the same day does not clear the day's fever; "no fever" takes it back.
    @Test func aLowerTemperatureLaterTheSameDayKeepsTheFever() {
        let earlier = DailyRecord(day: day, metrics: Metrics(temperatureC: 38.5), illness: [.fever])
        let merged = CheckinMerge.merge(earlier: earlier, correction: DailyRecord(day: day, metrics: Metrics(temperatureC: 37.1)), denied: [])
        #expect(merged.illness == [.fever])
        #expect(merged.metrics.temperatureC == 37.1)
        let denied = CheckinMerge.merge(earlier: earlier, correction: DailyRecord(day: day), denied: [.illness(.fever)])
        #expect(denied.illness.isEmpty)
        #expect(denied.metrics.temperatureC == nil)
    }
}

@Suite struct WorkoutTextTests {
    @Test func describesWorkoutsForPeople() {
        #expect(WorkoutText.describe(WorkoutSpec(type: .threshold, minutes: 60, description: "6x5min at LT2")) == "threshold 60 min (6x5min at LT2)")
        #expect(WorkoutText.describe(WorkoutSpec(type: .rest, minutes: 30)) == "rest day")
        #expect(WorkoutText.describe(nil) == "nothing planned")
    }
}
