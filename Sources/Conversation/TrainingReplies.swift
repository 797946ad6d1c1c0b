import CoachCore
import TrainingEngine

/// The words of the training engine's chat replies (lactate tests, zones, tests), in English
/// and Swedish. Figures come from `TrainingEngine`; this only words them.
public struct TrainingReplies: Sendable {
    public var language: Language

    public init(language: Language) { self.language = language }

    private var sv: Bool { language == .sv }

    /// A number with at most `decimals` places, in the language's decimal mark.
    func num(_ x: Double, _ decimals: Int = 2) -> String {
        let s = LactateNumber.text(x, decimals: decimals)
        return sv ? String(s.map { $0 == "." ? "," : $0 }) : s
    }

    public func zoneName(_ n: Int) -> String {
        switch (n, sv) {
        case (1, false): "recovery / easy"
        case (1, true): "återhämtning / lugnt"
        case (2, false): "steady"
        case (2, true): "jämnt"
        case (3, false): "threshold"
        case (3, true): "tröskel"
        case (4, _): "VO2"
        default: sv ? "fart" : "speed"
        }
    }

    /// "15.26 km/h (3:56 /km)" or "140 W".
    func intensity(_ x: Double, _ sport: TestSport, decimals: Int = 2) -> String {
        var s = "\(num(x, decimals)) \(sport.unit)"
        if sport == .run, let pace = Pace.text(kmh: x) { s += " (\(pace) /km)" }
        return s
    }

    /// "LT2 15.26 km/h (3:56 /km), 3.6 mmol/L, HR 171".
    public func point(_ name: String, _ p: CurvePoint, _ sport: TestSport) -> String {
        var s = "\(name) \(intensity(p.intensity, sport)), \(num(p.lactate)) mmol/L"
        if let hr = p.hr { s += sv ? ", puls \(Int(hr.rounded()))" : ", HR \(Int(hr.rounded()))" }
        return s
    }

    /// One zone: "zone 3 threshold: 13.7–15.3 km/h (3:56–4:23 /km), HR 162–171".
    public func zoneLine(_ z: Zone, _ sport: TestSport) -> String {
        let u = sport.unit
        var s = "\(sv ? "zon" : "zone") \(z.number) \(zoneName(z.number)): "
        switch (z.from, z.to) {
        case (nil, let to?): s += "\(sv ? "under" : "below") \(num(to, 1)) \(u)"
        case (let from?, nil): s += "\(sv ? "över" : "above") \(num(from, 1)) \(u)"
        case (let from?, let to?): s += "\(num(from, 1))–\(num(to, 1)) \(u)"
        default: break
        }
        if sport == .run {
            let slow = z.from.flatMap { Pace.text(kmh: $0) }, fast = z.to.flatMap { Pace.text(kmh: $0) }
            switch (fast, slow) {
            case (let f?, let sl?): s += " (\(f)–\(sl) /km)"
            case (let f?, nil): s += " (\(sv ? "långsammare än" : "slower than") \(f) /km)"
            case (nil, let sl?): s += " (\(sv ? "snabbare än" : "faster than") \(sl) /km)"
            default: break
            }
        }
        let hr = sv ? "puls" : "HR"
        switch (z.hrFrom, z.hrTo) {
        case (nil, let to?): s += ", \(hr) \(sv ? "under" : "under") \(Int(to.rounded()))"
        case (let from?, nil): s += ", \(hr) \(sv ? "över" : "over") \(Int(from.rounded()))"
        case (let from?, let to?): s += ", \(hr) \(Int(from.rounded()))–\(Int(to.rounded()))"
        default: break
        }
        return s
    }

    public func warning(_ w: LactateWarning) -> String {
        guard sv else { return w.description }
        switch w {
        case .stoppedEarly: return "sista steget är under 4,0 mmol/L: testet kan ha avbrutits före LT2"
        case .dmaxImplausible: return "D-max ser orimligt ut här; LT2 använder modifierad D-max"
        case .noRise: return "ingen ökning på 0,4 mmol/L eller mer mellan två steg: modifierad D-max saknas; LT2 är D-max"
        case .lt1Unplaced: return "baslinje + 0,5 mmol/L nås inte under LT2: LT1 sätts till första steget"
        }
    }

    /// One problem of an invalid test, naming the stage and the value.
    public func problem(_ p: LactateProblem) -> String {
        guard sv else { return p.description }
        func stage(_ s: StageName) -> String {
            switch s {
            case .rest: "vilovärdet"
            case .exercise(let n): "steg \(n)"
            }
        }
        switch p {
        case .tooFewStages(let n): return "ett test behöver minst 5 steg; det här har \(n)"
        case .notIncreasing(let s, let v, let prev, let sport):
            return "\(stage(s)): \(num(v)) \(sport.unit) är inte högre än föregående stegs \(num(prev)) \(sport.unit); intensiteten måste öka varje steg"
        case .lactateOutOfRange(let s, let v): return "\(stage(s)): laktat \(num(v)) mmol/L ligger utanför 0,3–25 mmol/L"
        case .hrOutOfRange(let s, let v): return "\(stage(s)): puls \(num(v)) ligger utanför 60–230"
        case .intensityOutOfRange(let s, let v, let sport):
            let r = sport.intensityRange
            return "\(stage(s)): \(sport == .run ? "fart" : "effekt") \(num(v)) \(sport.unit) ligger utanför \(num(r.lowerBound))–\(num(r.upperBound)) \(sport.unit)"
        }
    }

    /// The answer to an invalid test: every problem, and that nothing was stored.
    public func invalid(_ problems: [String]) -> String {
        (sv ? "Jag kunde inte använda testet, inget sparades:\n" : "I could not use that test, so nothing was stored:\n")
            + problems.map { "- \($0)" }.joined(separator: "\n")
            + (sv ? "\nSkriv till exempel: laktat 2026-11-20 löpning: vila 0,9, 10 1,1 128, 12 1,4 140, 14 2,0 152, 16 3,4 165, 18 6,8 178"
                  : "\nWrite for example: lactate 2026-11-20 run: rest 0.9, 10 1.1 128, 12 1.4 140, 14 2.0 152, 16 3.4 165, 18 6.8 178")
    }

    public func unreadable(_ location: String, _ text: String) -> String {
        invalid([sv ? "\(location.replacingStage()): kan inte läsa “\(text)”; skriv INTENSITET LAKTAT [PULS]"
                    : "\(location): cannot read “\(text)”; write INTENSITY LACTATE [HR]"])
    }

    public var futureDate: String {
        sv ? "Testets datum ligger i framtiden; inget sparades." : "The test date is in the future, so nothing was stored."
    }

    /// The full result: LT1, LT2, the five zones, warnings.
    public func result(_ a: LactateAnalysis, name: String, day: Day) -> String {
        var lines = [sv ? "Laktattest för \(name), \(day) (\(a.sport == .run ? "löpning" : "cykel"), \(a.stageCount) steg):"
                        : "Lactate test for \(name), \(day) (\(a.sport.rawValue), \(a.stageCount) stages):"]
        lines.append(point("LT1", a.lt1, a.sport))
        lines.append(point("LT2", a.lt2, a.sport))
        lines.append(sv ? "Zoner:" : "Zones:")
        lines += a.zones.map { zoneLine($0, a.sport) }
        lines += a.warnings.map { (sv ? "Varning: " : "Warning: ") + warning($0) }
        return lines.joined(separator: "\n")
    }

    /// The coach's confirmation suffix and the athlete's notice.
    public func athleteTold(_ name: String) -> String { sv ? "\(name) har fått veta." : "\(name) has been told." }
    public func noDirectRoom(_ name: String) -> String {
        sv ? "(\(name) har inget direktrum med mig än, så jag kunde inte berätta.)" : "(\(name) has no direct room with me yet, so I could not tell them.)"
    }

    public func athleteNotice(coach: String, a: LactateAnalysis, day: Day) -> String {
        (sv ? "\(coach) har lagt in ditt laktattest från \(day); det sätter dina zoner. " : "\(coach) entered your lactate test of \(day); it sets your zones. ")
            + point("LT1", a.lt1, a.sport) + "; " + point("LT2", a.lt2, a.sport) + "."
            + (sv ? " Skriv zoner för att se dem." : " Send zones to see them.")
    }

    public func coachesNotice(athlete: String, a: LactateAnalysis, day: Day) -> String {
        (sv ? "\(athlete) har lagt in ett laktattest (\(day)): " : "\(athlete) entered a lactate test (\(day)): ")
            + point("LT1", a.lt1, a.sport) + "; " + point("LT2", a.lt2, a.sport) + "."
            + (a.warnings.isEmpty ? "" : (sv ? " Varningar: " : " Warnings: ") + a.warnings.map(warning).joined(separator: "; ") + ".")
    }

    public func noTest(_ name: String, own: Bool) -> String {
        switch (sv, own) {
        case (false, true): "You have no lactate test yet. Enter one: lactate run: rest 0.9, 10 1.1 128, 12 1.4 140, 14 2.0 152, 16 3.4 165, 18 6.8 178"
        case (false, false): "No lactate test for \(name) yet. Enter one: lactate \(name.lowercased().split(separator: " ").first ?? "") run: rest 0.9, 10 1.1 128, …"
        case (true, true): "Du har inget laktattest än. Lägg in ett: laktat löpning: vila 0,9, 10 1,1 128, 12 1,4 140, 14 2,0 152, 16 3,4 165, 18 6,8 178"
        case (true, false): "Inget laktattest för \(name) än. Lägg in ett med laktat NAMN löpning: vila 0,9, 10 1,1 128, …"
        }
    }

    /// `zones [NAME]`.
    public func zones(_ a: LactateAnalysis, name: String, day: Day) -> String {
        var lines = [sv ? "Zoner för \(name) (test \(day)):" : "Zones for \(name) (test of \(day)):"]
        lines.append(point("LT1", a.lt1, a.sport))
        lines.append(point("LT2", a.lt2, a.sport))
        lines += a.zones.map { zoneLine($0, a.sport) }
        return lines.joined(separator: "\n")
    }

    /// `tests [NAME]`: one line per test, LT2 over time with the change from the previous test
    /// of the same sport.
    public func tests(_ list: [(day: Day, analysis: LactateAnalysis)], name: String) -> String {
        var lines = [sv ? "Laktattester för \(name):" : "Lactate tests for \(name):"]
        var previous: [TestSport: Double] = [:]
        for (day, a) in list {
            var line = "\(day) \(sv ? (a.sport == .run ? "löpning" : "cykel") : a.sport.rawValue): LT2 \(intensity(a.lt2.intensity, a.sport)), LT1 \(num(a.lt1.intensity)) \(a.sport.unit)"
            if let p = previous[a.sport] {
                let d = a.lt2.intensity - p
                line += " (LT2 \(d >= 0 ? "+" : "−")\(num(abs(d))) \(a.sport.unit))"
            }
            previous[a.sport] = a.lt2.intensity
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// "stage 3" → "steg 3", "the rest sample" → "vilovärdet" for Swedish replies.
    func replacingStage() -> String {
        if self == "the rest sample" { return "vilovärdet" }
        if hasPrefix("stage ") { return "steg " + dropFirst(6) }
        return self
    }
}

// MARK: Exercise library

extension TrainingReplies {
    func categoryWord(_ c: ExerciseCategory) -> String { sv ? c.swedish : c.rawValue }
    func difficultyWord(_ d: ExerciseDifficulty) -> String { sv ? d.swedish : d.rawValue }

    /// `exercises [CATEGORY]`: grouped by category, names in the asker's language.
    public func exercises(_ unsorted: [Exercise], category: ExerciseCategory?) -> String {
        let list = unsorted.sorted { $0.name(language).lowercased() < $1.name(language).lowercased() }
        guard !list.isEmpty else {
            return sv ? "Övningsbanken är tom; kör coachbot seed exercises." : "The exercise library is empty; run coachbot seed exercises."
        }
        var lines: [String] = []
        if let category {
            lines.append(sv ? "Övningar, \(categoryWord(category)) (\(list.count)):" : "Exercises, \(categoryWord(category)) (\(list.count)):")
            lines += list.map { "- \($0.name(language)) (\(difficultyWord($0.difficulty)))" }
        } else {
            lines.append(sv ? "Övningsbanken (\(list.count) övningar):" : "Exercise library (\(list.count) exercises):")
            for c in ExerciseCategory.allCases {
                let names = list.filter { $0.category == c }.map { $0.name(language) }
                if !names.isEmpty { lines.append("\(categoryWord(c)): " + names.joined(separator: ", ")) }
            }
            lines.append(sv ? "Skriv övning NAMN för en övning." : "Send exercise NAME for one of them.")
        }
        return lines.joined(separator: "\n")
    }

    public func unknownCategory(_ word: String) -> String {
        (sv ? "Ingen kategori “\(word)”. Kategorier: " : "No category “\(word)”. Categories: ")
            + ExerciseCategory.allCases.map(categoryWord).joined(separator: ", ") + "."
    }

    /// `exercise NAME`: the exercise in the asker's language, with its name in the other.
    public func exercise(_ e: Exercise) -> String {
        let other = sv ? "engelska: \(e.nameEN)" : "Swedish: \(e.nameSV)"
        return "\(e.name(language)) (\(categoryWord(e.category)), \(difficultyWord(e.difficulty)); \(other))\n\(e.cue(language))"
    }

    public func unknownExercise(_ name: String) -> String {
        sv ? "Jag känner inte till någon övning “\(name)”. Skriv övningar för att se banken."
           : "I don't know an exercise called “\(name)”. Send exercises to see the library."
    }
}

// MARK: Progress

extension TrainingReplies {
    func colourWord(_ c: ComplianceColour) -> String {
        guard sv else { return c.rawValue }
        switch c {
        case .green: return "grön"
        case .amber: return "gul"
        case .red: return "röd"
        }
    }

    /// `progress [NAME]` (spec §8): four weeks planned vs done with compliance colours, time in
    /// zones, ACWR in words, Foster's monotony and strain, the latest LT2 and the program phase.
    public func progress(name: String, report: ProgressReport, acwr: Double?, historyDays: Int,
                         latestTest: (day: Day, analysis: LactateAnalysis)?, programPhase: String?) -> String {
        var lines = [sv ? "Utveckling för \(name), senaste 4 veckorna:" : "Progress for \(name), last 4 weeks:"]
        for w in report.weeks {
            let span = "\(w.start)–\(w.end)"
            let planned = sv ? "planerat \(w.plannedSessions) pass, \(num(w.plannedKm, 1)) km, \(num(w.plannedMinutes, 0)) min"
                             : "planned \(w.plannedSessions) session\(w.plannedSessions == 1 ? "" : "s"), \(num(w.plannedKm, 1)) km, \(num(w.plannedMinutes, 0)) min"
            let done = sv ? "gjort \(w.doneSessions), \(num(w.doneKm, 1)) km, \(num(w.doneMinutes, 0)) min"
                          : "done \(w.doneSessions), \(num(w.doneKm, 1)) km, \(num(w.doneMinutes, 0)) min"
            var line = "\(span): \(planned) · \(done)"
            if let c = w.compliance, let colour = w.colour {
                line += " · \(num(c * 100, 0))% \(colourWord(colour))"
            } else {
                line += sv ? " · inget planerat" : " · nothing planned"
            }
            lines.append(line)
        }
        let zoned = report.zoneMinutes.keys.sorted().map { "\(sv ? "zon" : "zone") \($0) \(num(report.zoneMinutes[$0] ?? 0, 0)) min" }
        if zoned.isEmpty {
            lines.append(sv ? "Tid i zoner: okänd (inga genomförda pass på dagar med zonplan)." : "Time in zones: not known (no sessions done on days with a zoned plan).")
        } else {
            var line = (sv ? "Tid i zoner: " : "Time in zones: ") + zoned.joined(separator: ", ")
            if report.unzonedMinutes > 0 { line += sv ? " (\(num(report.unzonedMinutes, 0)) min utan zon)" : " (\(num(report.unzonedMinutes, 0)) min without a zone)" }
            lines.append(line)
        }
        if let acwr {
            lines.append((sv ? "Veckans belastning mot din vanliga nivå: " : "This week's load against your recent norm: ") + num(acwr))
        } else {
            lines.append(sv ? "Veckans belastning mot din vanliga nivå: för lite historik än (\(historyDays) av 28 dagar)."
                            : "This week's load against your recent norm: not enough history yet (\(historyDays) of 28 days).")
        }
        let m = report.monotony
        if let mono = m.monotony, let strain = m.strain {
            var line = sv ? "Monotoni \(num(mono)), strain \(num(strain, 0)) (senaste 7 dagarna, Foster)"
                          : "Monotony \(num(mono)), strain \(num(strain, 0)) (last 7 days, Foster)"
            if m.flagged { line += sv ? " ⚠ monotoni över 2,0: variera hårda och lätta dagar" : " ⚠ monotony above 2.0: vary hard and easy days" }
            lines.append(line)
        } else if m.flagged {
            lines.append(sv ? "Monotoni: samma belastning varje dag de senaste 7 dagarna (\(num(m.weeklyLoad, 0))), högsta möjliga ⚠ variera hårda och lätta dagar"
                            : "Monotony: the same load every day of the last 7 (\(num(m.weeklyLoad, 0)) in all), as monotonous as it gets ⚠ vary hard and easy days")
        } else {
            lines.append(sv ? "Monotoni: ingen belastning loggad de senaste 7 dagarna." : "Monotony: no load logged in the last 7 days.")
        }
        if let (day, a) = latestTest {
            lines.append((sv ? "Senaste LT2: " : "Latest LT2: ") + intensity(a.lt2.intensity, a.sport) + (sv ? " (test \(day))" : " (test of \(day))"))
        } else {
            lines.append(sv ? "Senaste LT2: inget laktattest än." : "Latest LT2: no lactate test yet.")
        }
        lines.append((sv ? "Program: " : "Program: ") + (programPhase ?? (sv ? "inget aktivt program" : "no active program")))
        return lines.joined(separator: "\n")
    }
}
