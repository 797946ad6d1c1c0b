import CoachCore

/// The words of `norwegian NAME` and a program preview. The system names, severities and the
/// requirement names stay as the spec writes them in both languages (coaches search for them).
public struct ProgramText: Sendable {
    public var language: Language
    public init(language: Language) { self.language = language }
    var sv: Bool { language == .sv }

    /// `norwegian NAME`: every requirement, the verdict, and the plan when eligible.
    public func norwegian(_ e: NorwegianEligibility, name: String) -> String {
        var lines = [sv ? "Norska metoden för \(name):" : "Norwegian method for \(name):"]
        lines += e.requirements.map { "  \($0)" }
        guard e.eligible else {
            lines.append(sv ? "Inte behörig: " + e.unmetCritical.map(\.name).joined(separator: ", ") + " måste uppfyllas först."
                            : "Not eligible: " + e.unmetCritical.map(\.name).joined(separator: ", ") + " must be met first.")
            return lines.joined(separator: "\n")
        }
        lines.append(sv ? "Behörig. Övergångsplan:" : "Eligible. Transition plan:")
        for p in e.plan {
            let weeks = p.weeks.map { sv ? "\($0) veckor" : "\($0) weeks" } ?? (sv ? "tills vidare" : "ongoing")
            let thr = "\(Figure.km(p.thresholdKm.lowerBound))–\(Figure.km(p.thresholdKm.upperBound)) km"
            lines.append(sv ? "  Fas \(p.number): \(p.name), \(weeks), \(Figure.km(p.weeklyKm)) km/vecka, tröskel \(thr)/vecka"
                            : "  Phase \(p.number): \(p.name), \(weeks), \(Figure.km(p.weeklyKm)) km/week, threshold \(thr)/week")
            for t in p.targets { lines.append("    " + target(t)) }
            lines.append((sv ? "    Mål: " : "    Success: ") + p.successCriteria.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    /// "2.0": lactate targets keep their decimal, as the spec writes them.
    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    func target(_ t: LactateTarget) -> String {
        let session = sv ? (t.session == "morning" ? "morgon" : "eftermiddag") : t.session
        var s = "\(session) \(Self.oneDecimal(t.lactate.lowerBound))–\(Self.oneDecimal(t.lactate.upperBound)) mmol/L"
        if let f = t.intensityFrom, let to = t.intensityTo {
            s += " ≈ \(LactateNumber.text(f))–\(LactateNumber.text(to))"
            if let pf = Pace.text(kmh: f), let pt = Pace.text(kmh: to), f < 30 { s += " (\(pt)–\(pf)/km)" }
            if let hf = t.hrFrom, let ht = t.hrTo { s += ", HR \(Int(hf.rounded()))–\(Int(ht.rounded()))" }
        }
        return s
    }

    /// A preview: the cascade's findings, then the weeks, then how to confirm (when it can).
    /// `replacing`: how many planned days confirming would replace (said before the last line,
    /// so the coach sees it before anything is written).
    public func preview(_ p: Program, _ v: Validation, name: String, replacing: Int = 0) -> String {
        let r = p.request
        var lines = [sv ? "Program för \(name): \(r.distance) \(r.raceDay), \(r.method.rawValue), \(p.weeks.count) veckor från \(r.start)"
                        : "Program for \(name): \(r.distance) on \(r.raceDay), \(r.method.rawValue), \(p.weeks.count) weeks from \(r.start)"]
        if v.findings.isEmpty { lines.append(sv ? "Validering: inga problem." : "Validation: no problems.") }
        else {
            lines.append(sv ? "Validering:" : "Validation:")
            lines += v.findings.map { "  \($0)" }
        }
        lines += weeks(p)
        if replacing > 0 {
            lines.append(sv ? "Att bekräfta ersätter \(replacing) planerade \(replacing == 1 ? "dag" : "dagar") från \(r.start) till \(r.raceDay)."
                            : "Confirming replaces \(replacing) planned \(replacing == 1 ? "day" : "days") from \(r.start) to \(r.raceDay).")
        }
        if v.canProceed {
            lines.append(sv ? "Skicka `program \(name) confirm` för att spara det." : "send `program \(name) confirm` to write it")
        } else {
            lines.append(sv ? "Kan inte fortsätta: rätta de CRITICAL felen först." : "Cannot proceed: fix the CRITICAL errors first.")
        }
        return lines.joined(separator: "\n")
    }

    /// One line a week: number, start, phase, km, deload.
    public func weeks(_ p: Program) -> [String] {
        p.weeks.map { w in
            let deload = w.deload ? (sv ? " (avlastning)" : " (deload)") : ""
            return sv ? "  v\(w.number) \(w.start) \(w.phase.rawValue) \(Figure.km(w.volumeKm)) km\(deload)"
                      : "  w\(w.number) \(w.start) \(w.phase.rawValue) \(Figure.km(w.volumeKm)) km\(deload)"
        }
    }
}
