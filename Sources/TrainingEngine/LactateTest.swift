import CoachCore

/// What the test was done on: the intensity axis is speed in km/h for running, power in W for
/// cycling.
public enum TestSport: String, Sendable, Codable, CaseIterable {
    case run, bike

    /// The intensity unit as written in replies and the JSON `unit` key.
    public var unit: String { self == .run ? "km/h" : "W" }

    /// Plausible intensities; anything outside is a typing error, not a test.
    public var intensityRange: ClosedRange<Double> { self == .run ? 4...30 : 20...700 }
}

/// One sample of a step test: the intensity held, the blood lactate at its end, and the heart
/// rate if it was recorded.
public struct LactateStage: Sendable, Equatable, Codable {
    public var intensity: Double
    public var lactate: Double
    public var hr: Double?

    public init(intensity: Double, lactate: Double, hr: Double? = nil) {
        self.intensity = intensity; self.lactate = lactate; self.hr = hr
    }
}

/// The resting sample, taken before the first stage; never part of the fit.
public struct RestSample: Sendable, Equatable, Codable {
    public var lactate: Double
    public var hr: Double?

    public init(lactate: Double, hr: Double? = nil) { self.lactate = lactate; self.hr = hr }
}

/// A lactate step test as entered: the exercise stages in order, and the optional rest sample.
public struct LactateTest: Sendable, Equatable, Codable {
    public var sport: TestSport
    public var rest: RestSample?
    public var stages: [LactateStage]

    public init(sport: TestSport, rest: RestSample? = nil, stages: [LactateStage]) {
        self.sport = sport; self.rest = rest; self.stages = stages
    }

    /// Every problem that makes the test unusable, each naming its stage and value; empty when
    /// the test may be analysed. Nothing is stored while any problem holds.
    public var problems: [LactateProblem] {
        var found: [LactateProblem] = []
        if stages.count < 5 { found.append(.tooFewStages(count: stages.count)) }
        if let rest {
            if !LactateProblem.lactateRange.contains(rest.lactate) { found.append(.lactateOutOfRange(stage: .rest, value: rest.lactate)) }
            if let hr = rest.hr, !LactateProblem.hrRange.contains(hr) { found.append(.hrOutOfRange(stage: .rest, value: hr)) }
        }
        for (i, s) in stages.enumerated() {
            let stage = StageName.exercise(i + 1)
            if !sport.intensityRange.contains(s.intensity) || !s.intensity.isFinite {
                found.append(.intensityOutOfRange(stage: stage, value: s.intensity, sport: sport))
            }
            if i > 0, !(s.intensity > stages[i - 1].intensity) {
                found.append(.notIncreasing(stage: stage, value: s.intensity, previous: stages[i - 1].intensity, sport: sport))
            }
            if !LactateProblem.lactateRange.contains(s.lactate) { found.append(.lactateOutOfRange(stage: stage, value: s.lactate)) }
            if let hr = s.hr, !LactateProblem.hrRange.contains(hr) { found.append(.hrOutOfRange(stage: stage, value: hr)) }
        }
        return found
    }
}

/// Where a problem is: the rest sample or exercise stage n (1-based, as the athlete counts).
public enum StageName: Sendable, Equatable, CustomStringConvertible {
    case rest
    case exercise(Int)

    public var description: String {
        switch self {
        case .rest: "the rest sample"
        case .exercise(let n): "stage \(n)"
        }
    }
}

/// One reason a test cannot be analysed. The message names the stage and the value, so the
/// person who typed it can fix that number.
public enum LactateProblem: Sendable, Equatable, CustomStringConvertible {
    case tooFewStages(count: Int)
    case notIncreasing(stage: StageName, value: Double, previous: Double, sport: TestSport)
    case lactateOutOfRange(stage: StageName, value: Double)
    case hrOutOfRange(stage: StageName, value: Double)
    case intensityOutOfRange(stage: StageName, value: Double, sport: TestSport)

    static let lactateRange: ClosedRange<Double> = 0.3...25
    static let hrRange: ClosedRange<Double> = 60...230

    public var description: String {
        switch self {
        case .tooFewStages(let n):
            "a test needs at least 5 exercise stages; this one has \(n)"
        case .notIncreasing(let stage, let value, let previous, let sport):
            "\(stage): \(LactateNumber.text(value)) \(sport.unit) is not above the previous stage's \(LactateNumber.text(previous)) \(sport.unit); intensity must rise at every stage"
        case .lactateOutOfRange(let stage, let value):
            "\(stage): lactate \(LactateNumber.text(value)) mmol/L is outside 0.3–25 mmol/L"
        case .hrOutOfRange(let stage, let value):
            "\(stage): heart rate \(LactateNumber.text(value)) is outside 60–230"
        case .intensityOutOfRange(let stage, let value, let sport):
            "\(stage): \(sport == .run ? "speed" : "power") \(LactateNumber.text(value)) \(sport.unit) is outside \(LactateNumber.text(sport.intensityRange.lowerBound))–\(LactateNumber.text(sport.intensityRange.upperBound)) \(sport.unit)"
        }
    }
}

/// The error thrown for an invalid test: all its problems, not only the first.
public struct InvalidLactateTest: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [LactateProblem]
    public var description: String { problems.map(\.description).joined(separator: "; ") }
}

/// Something worth knowing about a valid test; stored and shown with the result.
public enum LactateWarning: String, Sendable, Equatable, Codable, CustomStringConvertible {
    /// The last stage ended below 4 mmol/L.
    case stoppedEarly
    /// D-max sits below baseline + 0.5 mmol/L.
    case dmaxImplausible
    /// No rise of ≥ 0.4 mmol/L between consecutive stages.
    case noRise
    /// Baseline + 0.5 mmol/L could not be placed below LT2; LT1 is the first stage.
    case lt1Unplaced

    public var description: String {
        switch self {
        case .stoppedEarly: "the last stage is below 4.0 mmol/L: the test may have stopped before LT2"
        case .dmaxImplausible: "D-max looks implausible here; LT2 uses modified D-max"
        case .noRise: "no rise of 0.4 mmol/L or more between consecutive stages: modified D-max undefined; LT2 falls back to D-max"
        case .lt1Unplaced: "baseline + 0.5 mmol/L is not reached below LT2: LT1 is set to the first stage"
        }
    }
}

/// Number formatting shared by messages and JSON: at most `decimals` places, trailing zeros cut
/// (one kept after the point when the number is not whole, e.g. 2.0 for a lactate level).
public enum LactateNumber {
    public static func text(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let rounded = (value * factor).rounded() / factor
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        var s = String(rounded)
        if s.contains("e") { s = fixed(rounded, decimals: decimals) }
        return s
    }

    /// Fixed notation without exponent.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let negative = value < 0
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = UInt64((abs(value) * factor).rounded())
        let whole = scaled / UInt64(factor)
        var frac = String(scaled % UInt64(factor))
        while frac.count < decimals { frac = "0" + frac }
        while frac.hasSuffix("0") { frac.removeLast() }
        return (negative ? "-" : "") + String(whole) + (frac.isEmpty ? "" : "." + frac)
    }

    /// `sig` significant digits in fixed notation (fit coefficients are tiny: 0.00000221233).
    public static func significant(_ value: Double, _ sig: Int = 6) -> String {
        guard value.isFinite, value != 0 else { return "0" }
        var magnitude = 0
        var v = abs(value)
        while v >= 1 { v /= 10; magnitude += 1 }
        while v < 0.1 { v *= 10; magnitude -= 1 }
        let decimals = max(0, min(18, sig - magnitude))
        return fixed(value, decimals: decimals)
    }
}
