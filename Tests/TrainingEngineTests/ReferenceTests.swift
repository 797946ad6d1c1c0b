import Testing
@testable import TrainingEngine

/// The spec's reference test (lactater's demo data): every figure of the JSON in
/// training-engine.md §1, within ±0.5% for intensity and ±0.05 mmol/L for lactate.
@Suite struct ReferenceTests {
    static let test = LactateTest(
        sport: .bike, rest: RestSample(lactate: 0.93, hr: 96),
        stages: [
            LactateStage(intensity: 50, lactate: 0.98, hr: 114), LactateStage(intensity: 75, lactate: 1.23, hr: 134),
            LactateStage(intensity: 100, lactate: 1.88, hr: 154), LactateStage(intensity: 125, lactate: 2.80, hr: 170),
            LactateStage(intensity: 150, lactate: 4.21, hr: 182), LactateStage(intensity: 175, lactate: 6.66, hr: 193),
            LactateStage(intensity: 191, lactate: 8.64, hr: 198),
        ])

    static func close(_ value: Double?, _ expected: Double, relative: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= abs(expected) * relative
    }

    /// (intensity, lactate, hr) from the spec's JSON.
    static func expectPoint(_ p: CurvePoint?, _ x: Double, _ y: Double, _ hr: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(close(p?.intensity, x, relative: 0.005), "intensity \(String(describing: p?.intensity)) vs \(x)", sourceLocation: sourceLocation)
        #expect(abs((p?.lactate ?? .nan) - y) <= 0.05, "lactate \(String(describing: p?.lactate)) vs \(y)", sourceLocation: sourceLocation)
        #expect(p?.hr.map { Int($0.rounded()) } == hr, "hr \(String(describing: p?.hr)) vs \(hr)", sourceLocation: sourceLocation)
    }

    @Test func fitCoefficients() throws {
        let r = try LactateAnalyzer.analyze(Self.test)
        #expect(r.stageCount == 7)
        #expect(r.baseline == 0.93)
        // Coefficients to the digits the spec prints (half a unit of its last digit).
        #expect(Self.close(r.fit.a, 0.009143, relative: 1e-3))
        #expect(Self.close(r.fit.b, 0.030786, relative: 2e-5))
        #expect(Self.close(r.fit.c, -0.000347017, relative: 5e-6))
        #expect(Self.close(r.fit.d, 0.00000221233, relative: 5e-6))
    }

    @Test func thresholds() throws {
        let r = try LactateAnalyzer.analyze(Self.test)
        Self.expectPoint(r.dmax, 131.54, 3.09, 168)
        Self.expectPoint(r.moddmax, 140.15, 3.6, 173)
        Self.expectPoint(r.obla2, 105.74, 2.0, 153)
        Self.expectPoint(r.obla4, 146.11, 4.0, 177)
        Self.expectPoint(r.baselinePlus05, 82.53, 1.43, 139)
        Self.expectPoint(r.baselinePlus10, 103.47, 1.93, 152)
        Self.expectPoint(r.lt1, 82.53, 1.43, 139)
        Self.expectPoint(r.lt2, 140.15, 3.6, 173)
        #expect(r.warnings.isEmpty)
    }

    @Test func zones() throws {
        let r = try LactateAnalyzer.analyze(Self.test)
        #expect(r.zones.map(\.number) == [1, 2, 3, 4, 5])
        #expect(r.zones[0].from == nil && r.zones[4].to == nil)
        let bounds: [(Double?, Double?)] = [(nil, 82.53), (82.53, 111.34), (111.34, 140.15), (140.15, 168.96), (168.96, nil)]
        for (z, (from, to)) in zip(r.zones, bounds) {
            if let from { #expect(Self.close(z.from, from, relative: 0.005), "zone \(z.number) from") }
            if let to { #expect(Self.close(z.to, to, relative: 0.005), "zone \(z.number) to") }
        }
        #expect(r.zones[0].hrTo.map { Int($0.rounded()) } == 139)
        // Boundaries are shared: each zone starts where the one below ends.
        for i in 1..<5 { #expect(r.zones[i].from == r.zones[i - 1].to) }
    }

    @Test func jsonCarriesTheSpecKeysAndFigures() throws {
        let json = LactateJSON.render(try LactateAnalyzer.analyze(Self.test))
        for fragment in [
            "\"sport\": \"bike\"", "\"unit\": \"W\"", "\"stages\": 7", "\"baseline\": 0.93",
            "\"dmax\": {\"intensity\": 131.54, \"lactate\": 3.09, \"hr\": 168}",
            "\"moddmax\": {\"intensity\": 140.15, \"lactate\": 3.6, \"hr\": 173}",
            "\"obla2\": {\"intensity\": 105.74, \"lactate\": 2.0, \"hr\": 153}",
            "\"obla4\": {\"intensity\": 146.11, \"lactate\": 4.0, \"hr\": 177}",
            "\"baseline_plus_0_5\": {\"intensity\": 82.53, \"lactate\": 1.43, \"hr\": 139}",
            "\"baseline_plus_1_0\": {\"intensity\": 103.47, \"lactate\": 1.93, \"hr\": 152}",
            "\"lt1\": {\"intensity\": 82.53", "\"lt2\": {\"intensity\": 140.15",
            "{\"zone\": 1, \"to\": 82.53, \"hr_to\": 139}", "{\"zone\": 5, \"from\": 168.96",
            "\"warnings\": []",
        ] {
            #expect(json.contains(fragment), "missing \(fragment) in \(json)")
        }
    }

    /// The Norwegian method's targets invert the same curve: 2.0 mmol/L is OBLA 2.
    @Test func intensityAtALactateInvertsTheCurve() throws {
        #expect(Self.close(LactateAnalyzer.intensity(at: 2.0, stages: Self.test.stages), 105.74, relative: 0.005))
        #expect(Self.close(LactateAnalyzer.intensity(at: 4.0, stages: Self.test.stages), 146.11, relative: 0.005))
        #expect(LactateAnalyzer.intensity(at: 20, stages: Self.test.stages) == nil)
    }

    @Test func withoutRestTheBaselineIsTheLowestUpToTheModifiedStart() throws {
        var t = Self.test
        t.rest = nil
        let r = try LactateAnalyzer.analyze(t)
        // Modified D-max starts at stage 2 (75 W, first rise 1.23 → 1.88); lowest up to it is 0.98.
        #expect(r.baseline == 0.98)
        #expect(r.baselinePlus05.map { abs($0.lactate - 1.48) < 1e-9 } == true)
    }
}
