/// The words of a test result in English, for the command line and chat. Chat localises
/// through its own templates; this is the plain report.
public enum LactateText {
    /// "140.15 W" or "15.26 km/h (3:56 /km)".
    public static func intensity(_ x: Double, sport: TestSport, decimals: Int = 2) -> String {
        let base = "\(LactateNumber.text(x, decimals: decimals)) \(sport.unit)"
        guard sport == .run, let pace = Pace.text(kmh: x) else { return base }
        return "\(base) (\(pace) /km)"
    }

    /// "LT2 140.15 W, 3.6 mmol/L, HR 173".
    public static func point(_ name: String, _ p: CurvePoint?, sport: TestSport) -> String {
        guard let p else { return "\(name) not reached" }
        var s = "\(name) \(intensity(p.intensity, sport: sport)), \(LactateNumber.text(p.lactate)) mmol/L"
        if let hr = p.hr { s += ", HR \(Int(hr.rounded()))" }
        return s
    }

    /// One line per zone: "zone 3 threshold: 111.34–140.15 W, HR 157–173".
    public static func zoneLine(_ z: Zone, sport: TestSport) -> String {
        let unit = sport.unit
        let range: String
        switch (z.from, z.to) {
        case (nil, let to?): range = "below \(LactateNumber.text(to, decimals: 1)) \(unit)"
        case (let from?, nil): range = "above \(LactateNumber.text(from, decimals: 1)) \(unit)"
        case (let from?, let to?): range = "\(LactateNumber.text(from, decimals: 1))–\(LactateNumber.text(to, decimals: 1)) \(unit)"
        default: range = ""
        }
        var s = "zone \(z.number) \(z.name): \(range)"
        if sport == .run {
            let slow = z.from.flatMap { Pace.text(kmh: $0) }, fast = z.to.flatMap { Pace.text(kmh: $0) }
            switch (fast, slow) {
            case (let f?, let s2?): s += " (\(f)–\(s2) /km)"
            case (let f?, nil): s += " (slower than \(f) /km)"
            case (nil, let s2?): s += " (faster than \(s2) /km)"
            default: break
            }
        }
        switch (z.hrFrom, z.hrTo) {
        case (nil, let to?): s += ", HR under \(Int(to.rounded()))"
        case (let from?, nil): s += ", HR over \(Int(from.rounded()))"
        case (let from?, let to?): s += ", HR \(Int(from.rounded()))–\(Int(to.rounded()))"
        default: break
        }
        return s
    }

    /// The command line's plain report.
    public static func report(_ r: LactateAnalysis) -> String {
        var lines = [
            "\(r.sport.rawValue) test, \(r.stageCount) stages, baseline \(LactateNumber.text(r.baseline)) mmol/L",
            point("LT1", r.lt1, sport: r.sport),
            point("LT2", r.lt2, sport: r.sport),
            point("D-max", r.dmax, sport: r.sport),
            point("modified D-max", r.moddmax, sport: r.sport),
            point("OBLA 2.0", r.obla2, sport: r.sport),
            point("OBLA 4.0", r.obla4, sport: r.sport),
            point("baseline + 0.5", r.baselinePlus05, sport: r.sport),
            point("baseline + 1.0", r.baselinePlus10, sport: r.sport),
        ]
        lines += r.zones.map { zoneLine($0, sport: r.sport) }
        lines += r.warnings.map { "warning: \($0.description)" }
        return lines.joined(separator: "\n")
    }
}
