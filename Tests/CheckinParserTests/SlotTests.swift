import CheckinParser
import CoachCore
import Testing

/// The typed slot parsers, one behaviour per test.
@Suite struct SlotTests {
    let parser = Fixtures.parser

    func metrics(_ text: String) -> Metrics { parser.parse(text).metrics }

    @Test(arguments: [
        ("slept 7h30", 7.5), ("slept 7:30", 7.5), ("slept 7 hrs 30 min", 7.5), ("slept seven and a half hours", 7.5),
        ("sov 7,5 timmar", 7.5), ("sleep 6", 6.0), ("slept 8 hours", 8.0), ("sov sju och en halv timme", 7.5),
        ("slept 6h 45m", 6.75), ("sleep: 7.25h", 7.25),
    ])
    func sleepDurations(_ text: String, _ hours: Double) {
        #expect(metrics(text).sleepHours == hours, "\(text)")
    }

    @Test(arguments: [
        ("fatigue 4/5", Score(value: 4, outOf: 5)), ("fatigue 7/10", Score(value: 7, outOf: 10)),
        ("fatigue 3", Score(value: 3, outOf: 5)), ("fatigue 8", Score(value: 8, outOf: 10)),
        ("fatigue 3 out of 10", Score(value: 3, outOf: 10)), ("stress high", Score(value: 4, outOf: 5)),
        ("stress very high", Score(value: 5, outOf: 5)), ("stress moderate", Score(value: 3, outOf: 5)),
    ])
    func scoresKeepTheScaleUsed(_ text: String, _ expected: Score) {
        let m = metrics(text)
        #expect((m.fatigue ?? m.stress) == expected, "\(text)")
    }

    @Test(arguments: [("temp 38,2", 38.2), ("100.8F", 38.22), ("fever 38.4 c", 38.4), ("temp 99.5 f", 37.5), ("feber 39", 39.0)])
    func temperatures(_ text: String, _ celsius: Double) throws {
        let t = try #require(metrics(text).temperatureC)
        #expect(abs(t - celsius) < 0.01, "\(text) → \(t)")
    }

    @Test func feverIsAddedAt38ButNotBelow() {
        #expect(parser.parse("temp 38.0").illness == [.fever])
        #expect(parser.parse("temp 37.9").illness == [])
    }

    @Test(arguments: [("done 10k 52min", 10.0, 52.0), ("ran 6 miles in 50 min", 9.66, 50.0), ("ran 1:05", nil, 65.0), ("ran 10k in 48:30", 10.0, 48.5), ("did an hour easy", nil, 60.0)])
    func workoutDistancesAndDurations(_ text: String, _ km: Double?, _ minutes: Double) {
        let w = parser.parse(text).workout
        #expect(w?.km == km, "\(text)")
        #expect(w?.minutes == minutes, "\(text)")
    }

    @Test(arguments: ["no pain", "not sore", "knee pain gone", "no knee pain", "inte ont", "ingen smärta i knät"])
    func negationLeavesNoPainOrSoreness(_ text: String) {
        let r = parser.parse(text)
        #expect(r.pain.isEmpty && r.soreness.isEmpty, "\(text) → \(r.json)")
        #expect(r.intent == .checkin)
    }

    @Test(arguments: [("hvr 52", 52.0), ("hrv 52", 52.0), ("hrb 52", 52.0)])
    func oneEditTyposInKeywords(_ text: String, _ hrv: Double) {
        #expect(metrics(text).hrvMs == hrv, "\(text)")
    }

    @Test(arguments: ["slpet 6h", "sleeep 6h", "sleep 6h", "slep 6h", "sleept 6h"])
    func sleepTyposOfEveryKind(_ text: String) {
        #expect(metrics(text).sleepHours == 6, "\(text)")
    }

    @Test(arguments: ["the sheep is over there", "her 52 friends", "slap 5", "hover", "ha ha"])
    func ordinaryWordsAreNotTypoCorrected(_ text: String) {
        #expect(!parser.parse(text).hasCheckinFacts, "\(text) → \(parser.parse(text).json)")
    }

    @Test func heelIsPlantarFasciaUnlessBony() {
        #expect(parser.parse("heel pain 3/10").pain.first?.location == .plantarFascia)
        #expect(parser.parse("bony heel pain").pain.first?.location == .heel)
    }

    @Test func languageDetection() {
        #expect(parser.parse("sov dåligt, ont i knät").language == .sv)
        #expect(parser.parse("slept badly, knee hurts").language == .en)
        #expect(parser.parse("sov daligt", language: .en).language == .en)
    }

    @Test func forcedLanguageIgnoresTheOtherVocabulary() {
        #expect(parser.parse("vilopuls 48", language: .en).metrics.rhrBpm == nil)
        #expect(parser.parse("vilopuls 48", language: .sv).metrics.rhrBpm == 48)
    }

    @Test func jsonOmitsWhatWasNotSaid() {
        #expect(parser.parse("hrv 52").json == #"{"intent":"checkin","lang":"en","metrics":{"hrv_ms":52}}"#)
    }

    @Test func jsonEscapesQuotesAndControlCharacters() throws {
        let json = parser.parse("lol \"quoted\" \\ \u{1}").json
        #expect(json.contains(#"\"quoted\""#))
        #expect(json.contains(#"\u0001"#))
    }
}
