/// The `coachbot lactate --json` object, keys in the spec's order. Written by hand so that the
/// key order and number formats are exactly the contract's (intensity and lactate to 2 decimals,
/// HR to a whole beat, fit coefficients to 6 significant digits).
public enum LactateJSON {
    public static func render(_ r: LactateAnalysis) -> String {
        let run = r.sport == .run
        func intensity(_ x: Double) -> String { LactateNumber.text(x) }
        func lactate(_ y: Double) -> String {
            let s = LactateNumber.text(y)
            return s.contains(".") ? s : s + ".0"
        }
        func hr(_ h: Double?) -> String { h.map { String(Int($0.rounded())) } ?? "null" }
        func point(_ p: CurvePoint?) -> String {
            guard let p else { return "null" }
            var s = "{\"intensity\": \(intensity(p.intensity)), \"lactate\": \(lactate(p.lactate)), \"hr\": \(hr(p.hr))"
            if run, let pace = Pace.text(kmh: p.intensity) { s += ", \"pace\": \"\(pace)\"" }
            return s + "}"
        }
        func zone(_ z: Zone) -> String {
            var parts = ["\"zone\": \(z.number)"]
            if let f = z.from { parts.append("\"from\": \(intensity(f))") }
            if let t = z.to { parts.append("\"to\": \(intensity(t))") }
            if let h = z.hrFrom { parts.append("\"hr_from\": \(hr(h))") }
            if let h = z.hrTo { parts.append("\"hr_to\": \(hr(h))") }
            if run {
                // Pace runs the other way: the zone's lower speed is its slower pace.
                if let f = z.from, let p = Pace.text(kmh: f) { parts.append("\"pace_from\": \"\(p)\"") }
                if let t = z.to, let p = Pace.text(kmh: t) { parts.append("\"pace_to\": \"\(p)\"") }
            }
            return "{" + parts.joined(separator: ", ") + "}"
        }
        let warnings = r.warnings.map { "\"\(escape($0.description))\"" }.joined(separator: ", ")
        return """
        {"sport": "\(r.sport.rawValue)", "unit": "\(r.sport.unit)", "stages": \(r.stageCount), "baseline": \(lactate(r.baseline)),
         "fit": {"a": \(LactateNumber.significant(r.fit.a)), "b": \(LactateNumber.significant(r.fit.b)), "c": \(LactateNumber.significant(r.fit.c)), "d": \(LactateNumber.significant(r.fit.d))},
         "thresholds": {"dmax": \(point(r.dmax)),
                        "moddmax": \(point(r.moddmax)),
                        "obla2": \(point(r.obla2)),
                        "obla4": \(point(r.obla4)),
                        "baseline_plus_0_5": \(point(r.baselinePlus05)),
                        "baseline_plus_1_0": \(point(r.baselinePlus10))},
         "lt1": \(point(r.lt1)),
         "lt2": \(point(r.lt2)),
         "zones": [\(r.zones.map(zone).joined(separator: ", "))],
         "warnings": [\(warnings)]}
        """
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
