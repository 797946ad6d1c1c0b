import CoachCore
import Testing
@testable import ReadinessEngine

@Suite struct IllnessRulesTests {
    @Test(arguments: [Illness.soreThroat, .congestion, .cough, .headache])
    func aboveNeck(symptom: Illness) {
        let f = IllnessRules.neckCheck([symptom], temperatureC: nil)
        #expect(f?.decision == .easyAerobic)
        #expect(f?.alert == nil)
        #expect(f?.modifiers.contains(.shorter) == true)
    }

    @Test(arguments: [Illness.fever, .stomach, .bodyAches, .flu])
    func belowNeck(symptom: Illness) {
        let f = IllnessRules.neckCheck([symptom, .congestion], temperatureC: nil)
        #expect(f?.decision == .rest)
        #expect(f?.alert != nil)
    }

    /// Chest symptoms or a temperature of 39.5 °C or more: see a doctor, and alert the coach.
    @Test func chestOrHighFeverRefersToADoctor() {
        #expect(IllnessRules.neckCheck([.chest], temperatureC: nil)?.decision == .seePhysio)
        #expect(IllnessRules.neckCheck([.chest], temperatureC: nil)?.alert != nil)
        #expect(IllnessRules.neckCheck([.fever], temperatureC: 41)?.decision == .seePhysio)
        #expect(IllnessRules.neckCheck([.fever], temperatureC: 39.4)?.decision == .rest)
    }

    /// `sick` with no symptom named: rest, alert, and ask which symptoms.
    @Test func sickAloneRestsAndAsks() {
        let f = IllnessRules.neckCheck([.sick], temperatureC: nil)
        #expect(f?.decision == .rest)
        #expect(f?.alert != nil)
        #expect(f?.reason?.contains("which symptoms") == true)
    }

    /// A cough alone is above the neck; with fever or body aches it is below.
    @Test func coughWithFeverIsBelowTheNeck() {
        #expect(IllnessRules.neckCheck([.cough], temperatureC: nil)?.decision == .easyAerobic)
        #expect(IllnessRules.neckCheck([.cough, .bodyAches], temperatureC: nil)?.decision == .rest)
        #expect(IllnessRules.neckCheck([.cough], temperatureC: 38.3)?.decision == .rest)
    }

    @Test func temperatureBoundary() {
        #expect(IllnessRules.neckCheck([], temperatureC: 37.9) == nil)
        #expect(IllnessRules.neckCheck([], temperatureC: 38.0)?.decision == .rest)
        #expect(IllnessRules.neckCheck([.fever], temperatureC: 38.4)?.reason == "fever 38.4 °C")
        #expect(IllnessRules.neckCheck([.congestion], temperatureC: 37.9)?.decision == .easyAerobic)
        #expect(IllnessRules.neckCheck([], temperatureC: nil) == nil)
    }

    @Test func feverFree24Hours() {
        #expect(IllnessRules.feverYesterday(true, todayFever: false, plannedHard: true)?.decision == .easyAerobic)
        #expect(IllnessRules.feverYesterday(true, todayFever: false, plannedHard: false) == nil)
        #expect(IllnessRules.feverYesterday(false, todayFever: false, plannedHard: true) == nil)
        #expect(IllnessRules.feverYesterday(true, todayFever: true, plannedHard: true) == nil)
    }

    @Test func engineReadsYesterdaysFeverOnly() {
        let y = with(baselineHistory(), daysAgo: 1) { $0.metrics.temperatureC = 38.1 }
        #expect(assess(normalMetrics, planned: threshold60, history: y).decision == .easyAerobic)
        #expect(assess(normalMetrics, planned: easy45, history: y).decision == .asPlanned)
        let twoDays = with(baselineHistory(), daysAgo: 2) { $0.illness = [.fever] }
        #expect(assess(normalMetrics, planned: threshold60, history: twoDays).decision == .asPlanned)
    }
}
