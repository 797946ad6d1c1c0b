import CoachCore
import Foundation
import Testing
@testable import TrainingEngine

/// Thousands of random valid tests (rising exponential-like curves with measurement noise, from a
/// seeded generator so every run is the same): the analysis stays finite, ordered and unit-free.
@Suite struct PropertyTests {
    /// A plausible running test: 5–10 stages, steps of 0.5–2 km/h, lactate = base + k·e^(r·x) + noise.
    static func randomTest(_ rng: inout SplitMix64) -> LactateTest {
        let count = rng.int(5...10)
        let start = 6 + rng.unit() * 6
        let step = 0.5 + rng.unit() * 1.5
        let base = 0.6 + rng.unit() * 1.2
        let peak = 4.5 + rng.unit() * 8 // lactate reached at the last stage, above the base
        let steepness = 2 + rng.unit() * 4 // how late the curve bends (exponent across the range)
        let noise = rng.unit() * 0.15
        var stages: [LactateStage] = []
        for i in 0..<count {
            let u = Double(i) / Double(count - 1)
            let rise: Double = (Foundation.exp(steepness * u) - 1) / (Foundation.exp(steepness) - 1)
            let clean: Double = base + (peak - base) * rise
            let jitter = (rng.unit() * 2 - 1) * noise
            let hr = 120 + 70 * u + (rng.unit() * 2 - 1) * 2
            stages.append(LactateStage(intensity: start + step * Double(i), lactate: max(0.3, clean + jitter), hr: hr))
        }
        let rest: RestSample? = rng.unit() < 0.5 ? RestSample(lactate: max(0.3, base - rng.unit() * 0.3)) : nil
        return LactateTest(sport: .run, rest: rest, stages: stages)
    }

    static func finite(_ p: CurvePoint?) -> Bool {
        guard let p else { return true }
        return p.intensity.isFinite && p.lactate.isFinite && (p.hr?.isFinite ?? true)
    }

    @Test func thresholdsAreOrderedFiniteAndUnitFree() throws {
        var rng = SplitMix64(seed: 0x1AC7_A7E)
        for n in 0..<3000 {
            let test = Self.randomTest(&rng)
            #expect(test.problems.isEmpty, "case \(n) invalid: \(test.problems)")
            let r = try LactateAnalyzer.analyze(test)
            let lo = test.stages[0].intensity, hi = test.stages[test.stages.count - 1].intensity
            #expect(r.lt1.intensity < r.lt2.intensity, "case \(n): LT1 \(r.lt1.intensity) ≥ LT2 \(r.lt2.intensity) in \(test)")
            #expect(r.lt1.intensity >= lo - 1e-9 && r.lt2.intensity <= hi + 1e-9, "case \(n): outside \(lo)…\(hi)")
            for p in [r.dmax, r.moddmax, r.obla2, r.obla4, r.baselinePlus05, r.baselinePlus10, r.lt1, r.lt2] {
                #expect(Self.finite(p), "case \(n): not finite")
            }
            let allFinite = [r.fit.a, r.fit.b, r.fit.c, r.fit.d, r.baseline].allSatisfy { $0.isFinite }
            #expect(allFinite)
            for z in r.zones {
                #expect([z.from, z.to, z.hrFrom, z.hrTo].allSatisfy { $0?.isFinite ?? true })
                if let f = z.from, let t = z.to { #expect(f < t, "case \(n): zone \(z.number) empty") }
            }

            // km/h → m/s: the same test on another axis gives the same thresholds, rescaled.
            var ms = test
            ms.stages = test.stages.map { LactateStage(intensity: $0.intensity / 3.6, lactate: $0.lactate, hr: $0.hr) }
            let s = LactateAnalyzer.analyzeCurve(ms)
            let pairs: [(CurvePoint?, CurvePoint?)] = [(r.lt1, s.lt1), (r.lt2, s.lt2), (r.dmax, s.dmax), (r.moddmax, s.moddmax), (r.obla2, s.obla2), (r.obla4, s.obla4)]
            for (a, b) in pairs {
                #expect((a == nil) == (b == nil), "case \(n): presence differs after rescaling")
                if let a, let b {
                    #expect(abs(a.intensity - b.intensity * 3.6) <= 1e-6 * max(1, a.intensity), "case \(n): \(a.intensity) vs \(b.intensity * 3.6)")
                    #expect(abs(a.lactate - b.lactate) <= 1e-6)
                }
            }
            #expect(r.warnings == s.warnings)
        }
    }

    /// Any test the validation lets through, however odd its curve (falling, flat, zig-zag):
    /// every figure is finite and the zones stay ordered.
    @Test func anyValidTestGivesFiniteOrderedFigures() throws {
        var rng = SplitMix64(seed: 0xF122)
        var analysed = 0
        for n in 0..<3000 {
            let count = rng.int(5...9)
            var x = 4 + rng.unit() * 10
            var stages: [LactateStage] = []
            for _ in 0..<count {
                stages.append(LactateStage(intensity: x, lactate: 0.3 + rng.unit() * 24.7, hr: rng.unit() < 0.5 ? 60 + rng.unit() * 170 : nil))
                x += 0.01 + rng.unit() * 3
            }
            let test = LactateTest(sport: .run, rest: rng.unit() < 0.5 ? RestSample(lactate: 0.3 + rng.unit() * 5) : nil, stages: stages.filter { $0.intensity <= 30 })
            guard test.problems.isEmpty else { continue }
            analysed += 1
            let r = try LactateAnalyzer.analyze(test)
            for p in [r.dmax, r.moddmax, r.obla2, r.obla4, r.baselinePlus05, r.baselinePlus10, r.lt1, r.lt2] {
                #expect(Self.finite(p), "case \(n): not finite")
            }
            #expect(r.lt1.intensity < r.lt2.intensity, "case \(n)")
            for i in 1..<5 { #expect((r.zones[i].from ?? 0) > (r.zones[i - 1].from ?? -1), "case \(n): zones out of order") }
            #expect(!LactateJSON.render(r).contains("nan") && !LactateJSON.render(r).contains("inf"))
        }
        #expect(analysed > 2000, "only \(analysed) valid cases")
    }

    @Test func readingArbitraryTextNeverCrashes() {
        var rng = SplitMix64(seed: 77)
        let alphabet = Array("0123456789 ,.;:\nrestvilakm/hWbpmalice-+x")
        let today = Day(ordinal: 20_000)
        for _ in 0..<3000 {
            let text = "lactate " + String((0..<rng.int(0...60)).map { _ in alphabet[rng.int(0...(alphabet.count - 1))] })
            if let m = try? LactateMessage.read(text, today: today), m.test.problems.isEmpty {
                #expect(throws: Never.self) { _ = try LactateAnalyzer.analyze(m.test) }
            }
        }
    }

    @Test func robustRootsOfDegenerateCurves() throws {
        // A straight line (d = c = 0 after the fit), a flat curve and a huge scale: nothing NaN.
        for (start, step) in [(5.0, 1.0), (20.0, 0.01), (4.0, 5.0)] {
            for shape in [{ (u: Double) in 1 + u }, { _ in 2.0 }, { u in 1 + 20 * u * u * u }] {
                let stages = (0..<6).map { i in LactateStage(intensity: start + step * Double(i), lactate: min(25, shape(Double(i) / 5))) }
                let r = LactateAnalyzer.analyzeCurve(LactateTest(sport: .run, stages: stages))
                for p in [r.dmax, r.lt1, r.lt2] { #expect(Self.finite(p)) }
                #expect(r.lt1.intensity < r.lt2.intensity)
            }
        }
    }

    @Test func quadraticRootsAvoidCancellation() {
        // t² − 1e8·t + 1 = 0: the small root 1e-8 is lost by the textbook formula.
        let roots = quadraticRoots(1, -1e8, 1).sorted()
        #expect(abs(roots[0] - 1e-8) / 1e-8 < 1e-9)
        #expect(abs(roots[1] - 1e8) / 1e8 < 1e-9)
        #expect(quadraticRoots(0, 2, -4) == [2])
        #expect(quadraticRoots(1, 0, 1).isEmpty)
    }
}
