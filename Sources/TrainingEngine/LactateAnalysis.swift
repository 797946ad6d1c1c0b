/// A point on the athlete's curve: an intensity, the fitted lactate there, and the heart rate by
/// the HR line (nil when the test had no heart rates).
public struct CurvePoint: Sendable, Equatable, Codable {
    public var intensity: Double
    public var lactate: Double
    public var hr: Double?

    public init(intensity: Double, lactate: Double, hr: Double?) {
        self.intensity = intensity; self.lactate = lactate; self.hr = hr
    }
}

/// The least-squares line HR = intercept + slope·intensity over the stages with a heart rate.
public struct HRLine: Sendable, Equatable, Codable {
    public var intercept: Double
    public var slope: Double

    public init(intercept: Double, slope: Double) {
        self.intercept = intercept; self.slope = slope
    }

    public func callAsFunction(_ x: Double) -> Double { intercept + slope * x }
}

/// Everything a test says: the fit, the candidate thresholds, LT1/LT2, zones and warnings.
/// See docs/training-engine.md for each formula and its source.
public struct LactateAnalysis: Sendable, Equatable {
    public var sport: TestSport
    public var stageCount: Int
    public var baseline: Double
    public var fit: Cubic
    public var hrLine: HRLine?
    public var dmax: CurvePoint
    /// nil when no consecutive rise of ≥ 0.4 mmol/L exists.
    public var moddmax: CurvePoint?
    /// Fixed levels; nil when the curve does not reach them within the tested range.
    public var obla2: CurvePoint?
    public var obla4: CurvePoint?
    public var baselinePlus05: CurvePoint?
    public var baselinePlus10: CurvePoint?
    public var lt1: CurvePoint
    public var lt2: CurvePoint
    public var zones: [Zone]
    public var warnings: [LactateWarning]
}

/// The lactate analysis. Pure: the same test gives the same figures, with no I/O and no clock.
public enum LactateAnalyzer {
    /// Validates, then analyses. Throws `InvalidLactateTest` listing every problem.
    public static func analyze(_ test: LactateTest) throws -> LactateAnalysis {
        let problems = test.problems
        guard problems.isEmpty else { throw InvalidLactateTest(problems: problems) }
        return analyzeCurve(test)
    }

    /// The analysis without the sport's plausibility ranges, so that the figures can be checked
    /// in any unit (the property test rescales km/h to m/s). Needs ≥ 5 stages with strictly
    /// increasing intensity and finite values, which `analyze` guarantees.
    public static func analyzeCurve(_ test: LactateTest) -> LactateAnalysis {
        let stages = test.stages
        let xs = stages.map(\.intensity), ys = stages.map(\.lactate)
        let curve = ScaledCubic.fit(x: xs, y: ys)
        let hrLine = fitHR(stages)
        let first = 0, last = stages.count - 1
        let tLast = curve.t(xs[last])

        func point(t: Double) -> CurvePoint {
            let x = curve.x(t)
            return CurvePoint(intensity: x, lactate: curve.value(t: t), hr: hrLine.map { $0(x) })
        }

        // D-max from the chord between two measured stages.
        func dmaxT(from i: Int) -> Double {
            let t0 = curve.t(xs[i])
            let slope = (ys[last] - ys[i]) / (tLast - t0)
            // g(t) = chord(t) − f(t): distance below the chord; its critical points are where f′ = chord slope.
            func below(_ t: Double) -> Double { ys[i] + slope * (t - t0) - curve.value(t: t) }
            let interior = quadraticRoots(3 * curve.p[3], 2 * curve.p[2], curve.p[1] - slope).filter { $0 > t0 && $0 < tLast }
            let candidates = interior.isEmpty ? [t0, tLast] : interior
            return candidates.max { below($0) < below($1) } ?? t0
        }
        let dmax = point(t: dmaxT(from: first))
        let riseStart = (0..<last).first { ys[$0 + 1] - ys[$0] >= 0.4 }
        let moddmax = riseStart.map { point(t: dmaxT(from: $0)) }

        let baseline: Double = test.rest?.lactate ?? ys[0...(riseStart ?? 0)].min() ?? ys[0]

        let tFirst = curve.t(xs[first])
        let tMin = curve.minimum(in: tFirst, tLast)
        func level(_ l: Double) -> CurvePoint? {
            curve.roots(equalTo: l, in: tMin, tLast).first.map { t in
                let p = point(t: t)
                return CurvePoint(intensity: p.intensity, lactate: l, hr: p.hr)
            }
        }
        let obla2 = level(2), obla4 = level(4)
        let plus05 = level(baseline + 0.5), plus10 = level(baseline + 1.0)

        var warnings: [LactateWarning] = []
        if ys[last] < 4 { warnings.append(.stoppedEarly) }
        if dmax.lactate < baseline + 0.5 { warnings.append(.dmaxImplausible) }
        if moddmax == nil { warnings.append(.noRise) }

        let lt2 = moddmax ?? dmax
        var lt1: CurvePoint
        if let plus05, plus05.intensity < lt2.intensity {
            lt1 = plus05
        } else {
            lt1 = point(t: tFirst)
            if lt1.intensity >= lt2.intensity {
                // LT2 at the first stage: put LT1 half a stage below so that zones stay ordered.
                let step = (xs[last] - xs[first]) / Double(max(1, last))
                lt1 = CurvePoint(intensity: lt2.intensity - step / 2, lactate: curve.value(x: lt2.intensity - step / 2), hr: hrLine.map { $0(lt2.intensity - step / 2) })
            }
            warnings.append(.lt1Unplaced)
        }
        let zones = Zone.anchored(lt1: lt1.intensity, lt2: lt2.intensity, sport: test.sport, hr: hrLine)
        return LactateAnalysis(
            sport: test.sport, stageCount: stages.count, baseline: baseline, fit: curve.raw, hrLine: hrLine,
            dmax: dmax, moddmax: moddmax, obla2: obla2, obla4: obla4, baselinePlus05: plus05, baselinePlus10: plus10,
            lt1: lt1, lt2: lt2, zones: zones, warnings: warnings)
    }

    /// HR on intensity by least squares (centred), over the stages that have an HR; nil with
    /// fewer than two such stages.
    static func fitHR(_ stages: [LactateStage]) -> HRLine? {
        let pairs = stages.compactMap { s in s.hr.map { (s.intensity, $0) } }
        guard pairs.count >= 2 else { return nil }
        let n = Double(pairs.count)
        let mx = pairs.map(\.0).reduce(0, +) / n, my = pairs.map(\.1).reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for (x, y) in pairs { sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return HRLine(intercept: my - slope * mx, slope: slope)
    }

    /// The intensity where the fitted curve reaches `lactate`, searched from the curve's minimum
    /// within the tested range (the Norwegian method's 2.0–3.0 and 2.5–3.5 mmol/L targets); nil
    /// when not reached.
    public static func intensity(at lactate: Double, stages: [LactateStage]) -> Double? {
        guard stages.count >= 4 else { return nil }
        let curve = ScaledCubic.fit(x: stages.map(\.intensity), y: stages.map(\.lactate))
        let t0 = curve.t(stages[0].intensity), t1 = curve.t(stages[stages.count - 1].intensity)
        return curve.roots(equalTo: lactate, in: curve.minimum(in: t0, t1), t1).first.map(curve.x)
    }
}
