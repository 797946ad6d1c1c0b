import CoachCore

/// A race on the athlete's calendar (`race NAME DATE DISTANCE [A|B|C]`).
public struct RaceEntry: Sendable, Equatable {
    public var day: Day
    public var distance: RaceDistance
    /// "A", "B" or "C".
    public var priority: String

    public init(day: Day, distance: RaceDistance, priority: String = "B") {
        self.day = day; self.distance = distance; self.priority = priority
    }
}

/// Something in the last 8 weeks that calls for caution (spec §5 INJURY_HISTORY): pain ≥ 4/10,
/// a "see a physio" decision or a paused program, with where it hurt.
public struct InjuryNote: Sendable, Equatable {
    public var day: Day
    public var location: String
    public init(day: Day, location: String) { self.day = day; self.location = location }
}

/// Everything the cascade looks at besides the program itself.
public struct CascadeInput: Sendable, Equatable {
    public var standing: AthleteStanding
    public var races: [RaceEntry]
    public var injuries: [InjuryNote]

    public init(standing: AthleteStanding, races: [RaceEntry] = [], injuries: [InjuryNote] = []) {
        self.standing = standing; self.races = races; self.injuries = injuries
    }
}

/// The thresholds of spec §5's cascade table.
public enum CascadeRule {
    public static let testStaleDays = 84
    public static let minWeeks = 8, maxWeeks = 24
    public static let acwrHigh = 1.5, acwrMedium = 1.3
    public static let raceLateDays = 21
    public static let injuryDays = 56
}

/// The cascade's verdict: every problem, in system order.
public struct Validation: Sendable, Equatable {
    public var findings: [Finding]
    /// Spec §5: can proceed when there is no CRITICAL error.
    public var canProceed: Bool { !findings.contains { $0.severity == .critical } }
    public var errors: [Finding] { findings.filter { $0.severity == .critical } }
}

public enum ValidationCascade {
    /// Checks THRESHOLD, SCHEDULE, METHODOLOGY, ACWR, RACE_CALENDAR, INJURY_HISTORY in that
    /// order and lists all problems, not only the first, so the coach fixes everything at once.
    public static func validate(_ program: Program, _ input: CascadeInput, language: Language = .en) -> Validation {
        let r = program.request, s = input.standing
        /// Messages in the coach's language; system names and severities stay as the spec writes them.
        func t(_ en: String, _ sv: String) -> String { language == .sv ? sv : en }
        var f: [Finding] = []

        // THRESHOLD
        if let days = s.daysSinceLatestTest {
            if days > CascadeRule.testStaleDays {
                f.append(Finding(system: "THRESHOLD", severity: .high, message: t("the latest lactate test is \(days) days old (over 12 weeks)", "senaste laktattestet är \(days) dagar gammalt (över 12 veckor)"),
                                 resolution: t("repeat the lactate test (`lactate …`) so the zones match current fitness", "gör om laktattestet (`laktat …`) så att zonerna stämmer med formen")))
            }
        } else {
            f.append(Finding(system: "THRESHOLD", severity: .critical, message: t("no lactate test", "inget laktattest"),
                             resolution: t("complete a lactate test (`lactate …`) before generating a program", "gör ett laktattest (`laktat …`) innan ett program skapas")))
        }

        // SCHEDULE
        if r.raceDay < r.today {
            f.append(Finding(system: "SCHEDULE", severity: .critical, message: t("race day \(r.raceDay) is in the past", "tävlingsdagen \(r.raceDay) har redan varit"),
                             resolution: t("choose a future race date", "välj ett kommande tävlingsdatum")))
        } else if r.weekCount < CascadeRule.minWeeks || r.weekCount > CascadeRule.maxWeeks {
            f.append(Finding(system: "SCHEDULE", severity: .critical,
                             message: t("\(r.weekCount) weeks from \(r.start) to race day \(r.raceDay); a program needs 8 to 24",
                                       "\(r.weekCount) veckor från \(r.start) till tävlingsdagen \(r.raceDay); ett program behöver 8 till 24"),
                             resolution: r.weekCount < CascadeRule.minWeeks
                                ? t("choose a race at least 8 weeks away, or plan these weeks by hand", "välj en tävling minst 8 veckor bort, eller planera veckorna för hand")
                                : t("choose a race at most 24 weeks away, or build base first", "välj en tävling högst 24 veckor bort, eller bygg grund först")))
        }

        // METHODOLOGY
        if r.method == .norwegian {
            let e = NorwegianEligibility.assess(s, language: language)
            if !e.eligible {
                f.append(Finding(system: "METHODOLOGY", severity: .critical,
                                 message: t("not eligible for the Norwegian method: ", "inte behörig för norska metoden: ") + e.unmetCritical.map { "\($0.name) (\($0.message))" }.joined(separator: "; "),
                                 resolution: t("choose polarized, pyramidal or canova, or meet the requirements first (`norwegian NAME`)",
                                                "välj polarized, pyramidal eller canova, eller uppfyll kraven först (`norska NAMN`)")))
            }
        }

        // ACWR
        let first = program.firstWeekKm, recent = s.weeklyKm
        let ratio = recent > 0 ? first / recent : (first > 0 ? Double.infinity : 0)
        let safe = CascadeRule.acwrMedium * recent
        let ratioText = ratio.isFinite ? LactateNumber.text(ratio) : t("∞ (no running logged in the last 28 days)", "∞ (ingen löpning loggad de senaste 28 dagarna)")
        let weekOne = t("week 1 is \(Figure.km(first)) km against \(Figure.km(recent)) km a week over the last 28 days (ratio \(ratioText))",
                        "vecka 1 är \(Figure.km(first)) km mot \(Figure.km(recent)) km i veckan de senaste 28 dagarna (kvot \(ratioText))")
        if ratio > CascadeRule.acwrHigh {
            f.append(Finding(system: "ACWR", severity: .high, message: weekOne,
                             resolution: t("start at no more than \(Figure.km(safe)) km (ratio 1.3), e.g. with a lower PEAK",
                                           "börja med högst \(Figure.km(safe)) km (kvot 1.3), till exempel med lägre TOPP")))
        } else if ratio > CascadeRule.acwrMedium {
            f.append(Finding(system: "ACWR", severity: .medium, message: weekOne,
                             resolution: t("watch how the first weeks are absorbed; a safe start is \(Figure.km(safe)) km",
                                           "följ hur de första veckorna tas emot; en säker start är \(Figure.km(safe)) km")))
        }
        if !program.reachesPeak {
            f.append(Finding(system: "ACWR", severity: .medium,
                             message: t("the peak of \(Figure.km(r.targetPeakKm)) km is not reachable at ≤ 10% a week (highest week \(Figure.km(program.highestWeekKm)) km)",
                                       "toppen \(Figure.km(r.targetPeakKm)) km nås inte med ≤ 10 % i veckan (högsta veckan \(Figure.km(program.highestWeekKm)) km)"),
                             resolution: t("accept the lower peak, lower PEAK, or choose a later race", "godta den lägre toppen, sänk TOPP, eller välj en senare tävling")))
        }

        // RACE_CALENDAR
        for race in input.races.sorted(by: { $0.day < $1.day }) where race.day >= r.start && race.day < r.raceDay {
            let late = race.day.ordinal > r.raceDay.ordinal - CascadeRule.raceLateDays
            let high = late && race.priority.uppercased() == "A"
            f.append(Finding(system: "RACE_CALENDAR", severity: high ? .high : .medium,
                             message: t("\(race.priority.uppercased()) race \(race.distance) on \(race.day) inside the program\(late ? ", within 3 weeks of race day" : "")",
                                       "\(race.priority.uppercased())-tävling \(race.distance) \(race.day) inom programmet\(late ? ", inom 3 veckor före tävlingsdagen" : "")"),
                             resolution: high ? t("two A races 3 weeks apart compromise both; make one of them B or C", "två A-tävlingar inom 3 veckor försämrar båda; gör en av dem till B eller C")
                                              : t("treat it as a training race; the plan for that day is yours to adjust", "se den som en träningstävling; dagens plan justerar du själv")))
        }

        // INJURY_HISTORY
        let recentInjuries = input.injuries.filter { $0.day <= r.today && $0.day.ordinal >= r.today.ordinal - CascadeRule.injuryDays }
        if !recentInjuries.isEmpty {
            var places: [String] = []
            for n in recentInjuries.sorted(by: { $0.day < $1.day }) where !places.contains(n.location) { places.append(n.location) }
            f.append(Finding(system: "INJURY_HISTORY", severity: .high,
                             message: t("injury signs in the last 8 weeks: ", "skadetecken de senaste 8 veckorna: ") + places.joined(separator: ", "),
                             resolution: t("progress conservatively (a lower PEAK) and keep the strength work", "öka försiktigt (lägre TOPP) och behåll styrketräningen")))
        }
        return Validation(findings: f)
    }
}
