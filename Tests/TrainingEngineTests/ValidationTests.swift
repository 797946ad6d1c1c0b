import CoachCore
import Testing
@testable import TrainingEngine

@Suite struct ValidationTests {
    static func run(_ pairs: [(Double, Double)]) -> LactateTest {
        LactateTest(sport: .run, stages: pairs.map { LactateStage(intensity: $0.0, lactate: $0.1) })
    }

    @Test func fourStagesAreTooFew() {
        let t = Self.run([(10, 1), (12, 1.5), (14, 2.5), (16, 4.5)])
        #expect(throws: InvalidLactateTest(problems: [.tooFewStages(count: 4)])) { try LactateAnalyzer.analyze(t) }
    }

    @Test func fallingSpeedNamesTheStage() {
        let t = Self.run([(10, 1), (12, 1.5), (11, 2.5), (16, 4.5), (18, 7)])
        #expect(t.problems == [.notIncreasing(stage: .exercise(3), value: 11, previous: 12, sport: .run)])
        #expect(t.problems.first?.description.contains("stage 3") == true)
        #expect(t.problems.first?.description.contains("11 km/h") == true)
    }

    @Test func lactateFortyNamesTheStageAndValue() {
        let t = Self.run([(10, 1), (12, 1.5), (14, 2.5), (16, 40), (18, 7)])
        let text = InvalidLactateTest(problems: t.problems).description
        #expect(text.contains("stage 4") && text.contains("40"))
    }

    @Test func everyProblemIsListed() {
        var t = Self.run([(2, 1), (12, 0.1), (12, 2.5), (16, 4.5)])
        t.rest = RestSample(lactate: 1, hr: 300)
        let p = t.problems
        #expect(p.contains(.tooFewStages(count: 4)))
        #expect(p.contains(.intensityOutOfRange(stage: .exercise(1), value: 2, sport: .run)))
        #expect(p.contains(.lactateOutOfRange(stage: .exercise(2), value: 0.1)))
        #expect(p.contains(.notIncreasing(stage: .exercise(3), value: 12, previous: 12, sport: .run)))
        #expect(p.contains(.hrOutOfRange(stage: .rest, value: 300)))
    }

    @Test func bikePowerRange() {
        let t = LactateTest(sport: .bike, stages: [10, 100, 200, 300, 800].map { LactateStage(intensity: $0, lactate: 2) })
        #expect(t.problems.contains(.intensityOutOfRange(stage: .exercise(1), value: 10, sport: .bike)))
        #expect(t.problems.contains(.intensityOutOfRange(stage: .exercise(5), value: 800, sport: .bike)))
    }

    @Test func stoppedEarlyAndNoRiseWarn() throws {
        let r = try LactateAnalyzer.analyze(Self.run([(10, 1.0), (11, 1.2), (12, 1.5), (13, 1.8), (14, 2.1), (15, 2.4)]))
        #expect(r.warnings.contains(.stoppedEarly))
        #expect(r.warnings.contains(.noRise))
        #expect(r.moddmax == nil)
        #expect(r.lt2 == r.dmax)
        #expect(r.obla4 == nil)
    }

    @Test func csvAndChatReadTheSameTest() throws {
        let csv = "intensity,lactate,hr\nrest,0.9\n10,1.1,128\n12,1.4,140\n14,2.0,152\n16,3.4,165\n18,6.8,178\n"
        let chat = "rest 0.9, 10 1,1 128; 12 1.4 140\n14 2.0 152, 16km/h 3.4 165bpm, 18 6,8 178"
        let a = try LactateInput.csv(csv, sport: .run), b = try LactateInput.chat(chat, sport: .run)
        #expect(a == b)
        #expect(a.stages.count == 5)
        #expect(a.rest == RestSample(lactate: 0.9))
        #expect(a.stages[1] == LactateStage(intensity: 12, lactate: 1.4, hr: 140))
    }

    @Test func unreadableStageIsNamed() {
        #expect(throws: LactateInput.Unreadable(location: "stage 2", text: "12 fast")) {
            try LactateInput.chat("10 1.1, 12 fast, 14 2", sport: .run)
        }
    }
}

@Suite struct LactateMessageTests {
    let today = Day(iso: "2026-11-23")!

    @Test func specRunExample() throws {
        let m = try LactateMessage.read("lactate alice 2026-11-20 run: rest 0.9, 10 1.1 128, 12 1.4 140, 14 2.0 152, 16 3.4 165, 18 6.8 178", today: today)
        #expect(m.athlete == "alice")
        #expect(m.date == "2026-11-20")
        #expect(m.test.sport == .run)
        #expect(m.test.rest == RestSample(lactate: 0.9))
        #expect(m.test.stages.map(\.intensity) == [10, 12, 14, 16, 18])
        #expect(m.test.stages[4].hr == 178)
    }

    @Test func specBikeExampleWithoutName() throws {
        let m = try LactateMessage.read("lactate bike: rest 0.93 96; 50 0.98 114; 75 1.23 134; 100 1.88 154; 125 2.80 170; 150 4.21 182", today: today)
        #expect(m.athlete == nil && m.date == nil)
        #expect(m.test.sport == .bike)
        #expect(m.test.rest == RestSample(lactate: 0.93, hr: 96))
        #expect(m.test.stages.count == 5)
    }

    @Test func swedishWithDecimalCommasAndLineBreaks() throws {
        let m = try LactateMessage.read("laktat bob cykel:\nvila 0,93 96\n50 0,98 114\n75 1,23 134", today: today)
        #expect(m.athlete == "bob")
        #expect(m.test.sport == .bike)
        #expect(m.test.stages == [LactateStage(intensity: 50, lactate: 0.98, hr: 114), LactateStage(intensity: 75, lactate: 1.23, hr: 134)])
    }

    @Test func issueExampleWithUnitsAndNoSeparators() throws {
        let m = try LactateMessage.read("lactate test alice 12km/h 1.1 14km/h 1.8 16km/h 3.9", today: today)
        #expect(m.athlete == "alice")
        #expect(m.test.stages.map(\.intensity) == [12, 14, 16])
        #expect(m.test.problems == [.tooFewStages(count: 3)])
    }
}

@Suite struct FormattingTests {
    @Test func semicolonCSVTakesDecimalCommas() throws {
        let t = try LactateInput.csv("hastighet;laktat;puls\nvila;0,9\n10;1,1;128\n12;1,4;140\n", sport: .run)
        #expect(t.rest == RestSample(lactate: 0.9))
        #expect(t.stages == [LactateStage(intensity: 10, lactate: 1.1, hr: 128), LactateStage(intensity: 12, lactate: 1.4, hr: 140)])
    }

    @Test func badCSVLineIsNamed() {
        #expect(throws: LactateInput.Unreadable(location: "line 3", text: "12,x")) {
            try LactateInput.csv("10,1.0\n\n12,x\n", sport: .run)
        }
    }

    @Test(arguments: [
        (0.00914263214, "0.00914263"), (-0.000347016598, "-0.000347017"), (0.00000221233112, "0.00000221233"), (30.786, "30.786"),
    ])
    func coefficientsToSixSignificantDigits(_ value: Double, _ text: String) {
        #expect(LactateNumber.significant(value) == text)
    }

    @Test func paceIsSixtyOverSpeed() {
        #expect(Pace.text(kmh: 12.08) == "4:58")
        #expect(Pace.text(kmh: 15.26) == "3:56")
        #expect(Pace.text(kmh: 0) == nil)
    }
}
