import CoachCore
import Testing

@Suite struct DayTests {
    @Test(arguments: ["1970-01-01", "2026-03-02", "2024-02-29", "2000-12-31", "1999-01-01"])
    func isoRoundTrips(_ iso: String) throws {
        let day = try #require(Day(iso: iso))
        #expect(day.description == iso)
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "26-03-02", "2026-3-2", "", "yesterday"])
    func invalidDatesAreRejected(_ iso: String) {
        #expect(Day(iso: iso) == nil)
    }

    @Test func weekdaysAndArithmetic() throws {
        let monday = try #require(Day(iso: "2026-03-02"))
        #expect(monday.weekday == 0)
        #expect(monday.adding(days: 6).weekday == 6)
        #expect(monday.adding(days: 30).description == "2026-04-01")
        #expect(Day(ordinal: 0).description == "1970-01-01")
    }
}

@Suite struct DecisionTests {
    @Test func decisionsAreOrderedFromLeastToMostConservative() {
        #expect(Decision.allCases.map(\.rawValue) == [
            "as planned", "reduce volume", "reduce intensity", "easy aerobic", "cross-train", "rest", "see a physio or doctor",
        ])
        #expect([Decision.rest, .asPlanned, .seePhysio, .easyAerobic].max() == .seePhysio)
    }

    @Test(arguments: [(100, Band.green), (70, .green), (69, .amber), (40, .amber), (39, .red), (0, .red)])
    func bands(_ score: Int, _ band: Band) {
        #expect(Band(score: score) == band)
    }

    @Test func scoresNormaliseToFivePoints() {
        #expect(Score(value: 4, outOf: 5).onFivePointScale == 4)
        #expect(Score(value: 10, outOf: 10).onFivePointScale == 5)
        #expect(Score(value: 1, outOf: 10).onFivePointScale == 1)
    }

    @Test func sessionLoadIsRPETimesMinutes() {
        #expect(LoggedSession(minutes: 50, rpe: 4).load == 200)
        #expect(LoggedSession(minutes: 50).load == 0)
    }
}

@Suite struct JSONTests {
    @Test func keysFollowTheSpecOrderAndEmptyOnesAreOmitted() {
        var m = ParsedMessage(intent: .checkin)
        m.metrics.hrvMs = 52
        m.metrics.sleepHours = 7.5
        m.pain = [Pain(location: .achilles, side: .left, score: 3)]
        #expect(m.json == #"{"intent":"checkin","metrics":{"hrv_ms":52,"sleep_hours":7.5},"pain":[{"location":"achilles","side":"left","score":3,"gait_affected":false}]}"#)
    }

    @Test func numbersPrintWithoutNoise() {
        #expect(formatNumber(10) == "10")
        #expect(formatNumber(38.222222) == "38.22")
        #expect(formatNumber(.nan) == "null")
    }
}
