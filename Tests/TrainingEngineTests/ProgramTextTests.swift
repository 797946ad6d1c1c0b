import CoachCore
import Testing
@testable import TrainingEngine

@Suite struct ProgramTextTests {
    @Test func norwegianReplyNamesFiguresAndPhases() {
        let e = NorwegianEligibility.assess(NorwegianTests.ready, test: NorwegianTests.runTest)
        let en = ProgramText(language: .en).norwegian(e, name: "Alice")
        #expect(en.contains("✓ AEROBIC_BASE (CRITICAL): 80 km a week"))
        #expect(en.contains("Phase 2: Double threshold introduction, 4 weeks, 84 km/week, threshold 15–18 km/week"))
        #expect(en.contains("Phase 4: Full Norwegian protocol, ongoing, 92 km/week"))
        #expect(en.contains("afternoon 2.5–3.5 mmol/L ≈ "))
        #expect(en.contains("HR "))
        var s = NorwegianTests.ready
        s.yearsRunning = 1
        let no = ProgramText(language: .sv).norwegian(NorwegianEligibility.assess(s), name: "Alice")
        #expect(no.contains("Inte behörig: TRAINING_AGE"))
        #expect(!no.contains("Fas 1"))
    }

    @Test func previewListsFindingsAndHowToConfirm() {
        let r = ProgramTests.request(weeks: 16, peak: 70, current: 60)
        let p = ProgramGenerator.generate(r)
        let ok = ValidationCascade.validate(p, CascadeInput(standing: CascadeTests.fine))
        let text = ProgramText(language: .en).preview(p, ok, name: "alice")
        #expect(text.contains("Validation: no problems."))
        #expect(text.contains("w4 2026-12-21 base 49 km (deload)"))
        #expect(text.hasSuffix("send `program alice confirm` to write it"))
        var s = CascadeTests.fine
        s.daysSinceLatestTest = nil
        let bad = ValidationCascade.validate(p, CascadeInput(standing: s))
        let refused = ProgramText(language: .en).preview(p, bad, name: "alice")
        #expect(refused.contains("  THRESHOLD CRITICAL: no lactate test → complete a lactate test"))
        #expect(!refused.contains("confirm"))
    }
}
