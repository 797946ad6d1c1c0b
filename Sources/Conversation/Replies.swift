import CoachCore
import ReadinessEngine

/// Every text the bot sends, in one place, in English and Swedish. Decision phrases stay as the
/// transcript spec lists them in both languages, so coaches and tests can rely on them.
public struct Replies: Sendable {
    public var language: Language
    /// The athlete's zones (latest lactate test), so that every workout shown names its target
    /// in them; nil without a test (targets stay words).
    public var zones: AthleteZones?

    public init(language: Language, zones: AthleteZones? = nil) {
        self.language = language
        self.zones = zones
    }

    /// A workout as this athlete reads it: in their zones when they have a test.
    private func describeWorkout(_ w: WorkoutSpec?) -> String { WorkoutText.describe(w, zones: zones, language: language) }

    private var sv: Bool { language == .sv }

    // MARK: Athletes

    /// The answer to a check-in: band, decision, today's workout and the main reasons.
    public func checkin(_ a: Assessment, planned: WorkoutSpec?, isUpdate: Bool, coachWorkout: WorkoutSpec?, soreness: [Soreness] = []) -> String {
        var lines: [String] = []
        let band = sv ? ["green": "grön", "amber": "gul", "red": "röd"][a.band.rawValue] ?? a.band.rawValue : a.band.rawValue
        let head = (sv ? "Beredskap" : "Readiness") + " \(a.score)/100 (\(band)) · \(a.decision.rawValue)"
        lines.append(isUpdate ? (sv ? "Uppdaterade dagens incheckning. " : "Updated today's check-in. ") + head : head)
        if let coachWorkout {
            lines.append((sv ? "Idag (från din tränare): " : "Today (from your coach): ") + describeWorkout(coachWorkout))
        } else {
            lines.append((sv ? "Idag: " : "Today: ") + todayText(a, planned: planned))
        }
        // Every reason behind the decision is named, so the reply and the coach alert agree.
        let reasons = a.reasons
        if reasons.isEmpty, a.hrvBaselineProgress.map({ $0 < 7 }) == true {
            lines.append(sv ? "Varför: inget avvikande så långt jag kan se; din baslinje byggs fortfarande."
                            : "Why: nothing flagged, though your baseline is still being built.")
        } else if reasons.isEmpty {
            lines.append(sv ? "Varför: allt inom ditt normala." : "Why: everything is within your normal range.")
        } else {
            lines.append((sv ? "Varför: " : "Why: ") + reasons.joined(separator: "; ") + ".")
        }
        if let n = a.hrvBaselineProgress, n < 7 {
            lines.append(sv ? "HRV: bygger din baslinje, \(n)/7." : "HRV: building your baseline, \(n)/7.")
        }
        if let stage = a.returnToRunStage {
            lines.append((sv ? "Tillbaka till löpning: " : "Return to running: ") + stage.summary)
        }
        if a.painReminder {
            lines.append(sv ? "Avbryt om smärtan ökar under passet." : "Stop if the pain rises during the run.")
        }
        // Every reported fact is acknowledged: soreness rarely changes the decision, so say it was heard.
        let sore = soreness.map { s in
            let side = s.side.map { "\($0.rawValue) " } ?? ""
            return side + s.location.rawValue.replacingUnderscores
        }
        if !sore.isEmpty {
            lines.append(sv ? "Noterat: ömhet i \(sore.joined(separator: ", ")); den ändrar inte passet på egen hand."
                            : "Noted: sore \(sore.joined(separator: ", ")); soreness alone does not change the plan.")
        }
        return lines.joined(separator: "\n")
    }

    private func todayText(_ a: Assessment, planned: WorkoutSpec?) -> String {
        switch a.decision {
        case .seePhysio:
            return sv ? "ingen löpning; boka tid hos fysioterapeut eller läkare innan du springer igen"
                      : "no running; see a physio or doctor before you run again"
        case .rest:
            return sv ? "vila" : "rest"
        case .crossTrain:
            guard let modality = a.crossTrainingModality else { return describeWorkout(a.workout) }
            return "\(modality), " + (a.workout?.minutes.map { "\($0) min, " } ?? "") + "moderate effort"
        default:
            return describeWorkout(a.workout ?? planned)
        }
    }

    /// A check-in with an impossible value: nothing but the raw text was kept.
    public func rejected(_ problems: [ValidationProblem]) -> String {
        let list = problems.map(\.description).joined(separator: "; ")
        return sv
            ? "Jag kunde inte använda det: \(list). Jag sparade bara ditt meddelande; kolla värdet och skicka igen."
            : "I couldn't use that: \(list). I kept only your message, not the values; please check and send it again."
    }

    /// A skipped session: kept as said, nothing logged.
    public func skipped(day: String?) -> String {
        sv ? "Noterat: passet \(day.map { "(\($0)) " } ?? "")blev inte av. Inget loggat; det är ok att hoppa över ibland."
           : "Noted: \(day.map { "\($0)'s" } ?? "today's") session was skipped. Nothing logged; skipping one now and then is fine."
    }

    /// A logged run much longer than any of the last 30 days (Garmin-RUNSAFE).
    public func spikeWarning(_ over: String) -> String {
        sv ? "Obs: ett mycket längre pass än vanligt (\(over)); det ökar skaderisken, så ta det lugnt de närmaste dagarna."
           : "Note: a much longer run than usual (\(over)); that raises injury risk, so keep the next days easy."
    }

    public func logged(_ s: LoggedSession, day: String?, details: [String] = []) -> String {
        let text = logged(s, details: details)
        guard let day else { return text }
        return (sv ? "Loggat för \(day): " : "Logged for \(day): ") + text.drop { $0 != ":" }.dropFirst().drop { $0 == " " }
    }

    public func logged(_ s: LoggedSession, details: [String] = []) -> String {
        var parts: [String] = details
        if let k = s.km { parts.append("\(formatNumber(k)) km") }
        if let m = s.minutes { parts.append("\(formatNumber(m)) min") }
        if let r = s.rpe { parts.append("RPE \(formatNumber(r))") }
        let load = s.load > 0 ? (sv ? " (belastning \(formatNumber(s.load)))" : " (load \(formatNumber(s.load)))") : ""
        let what = parts.isEmpty ? (sv ? "passet" : "the session") : parts.joined(separator: ", ")
        return (sv ? "Loggat: " : "Logged: ") + what + load + "."
    }

    public func plan(day label: String, planned: WorkoutSpec?, modified: (Decision, WorkoutSpec?)?, coach: (WorkoutSpec?, Decision)? = nil) -> String {
        // The workout may carry its own parentheses: what follows it is not wrapped in more.
        if let (workout, decision) = coach {
            return "\(label): \(describeWorkout(workout)) · \(decision.rawValue), " + (sv ? "från din tränare." : "from your coach.")
        }
        if let (decision, workout) = modified, decision != .asPlanned {
            return "\(label): \(describeWorkout(workout)) · \(decision.rawValue); " + (sv ? "planerat: " : "planned: ") + "\(describeWorkout(planned))."
        }
        return "\(label): \(describeWorkout(planned))."
    }

    public func week(_ days: [(label: String, workout: WorkoutSpec?)]) -> String {
        ((sv ? "Veckan:" : "This week:") + "\n") + days.map { "\($0.label): \(describeWorkout($0.workout))" }.joined(separator: "\n")
    }

    public func trend(name: String?, hrv: [Double?], rhr: [Double?], sleep: [Double?], last: (Int, Band, Decision)?) -> String {
        // Labelled figures: today's value (or the latest, with its age) and the 14-day average.
        func latest(_ v: [Double?], _ unit: String) -> String {
            let values = v.compactMap { $0 }
            guard let value = values.last, let at = v.lastIndex(where: { $0 != nil }) else { return "" }
            let ago = v.count - 1 - at
            let when = ago == 0 ? (sv ? "idag" : "today") : ago == 1 ? (sv ? "igår" : "yesterday") : (sv ? "för \(ago) dagar sedan" : "\(ago) days ago")
            let mean = values.reduce(0, +) / Double(values.count)
            let avg = (mean * 10).rounded() / 10
            return " \(when) " + formatNumber(value) + unit + (sv ? ", snitt " : ", avg ") + formatNumber(avg) + unit
        }
        var lines = [(name.map { "\($0), " } ?? "") + (sv ? "senaste 14 dagarna:" : "last 14 days:")]
        lines.append("HRV   \(Sparkline.render(hrv))" + latest(hrv, " ms"))
        lines.append((sv ? "Vilop " : "RHR   ") + Sparkline.render(rhr) + latest(rhr, " bpm"))
        lines.append((sv ? "Sömn  " : "Sleep ") + Sparkline.render(sleep) + latest(sleep, " h"))
        if let (score, band, decision) = last {
            lines.append((sv ? "Senast: " : "Latest: ") + "\(score)/100 (\(band.rawValue)) · \(decision.rawValue)")
        }
        return lines.joined(separator: "\n")
    }

    public var undone: String { sv ? "Klart: jag tog bort dagens incheckning." : "Done: I removed today's check-in." }
    public var undoneSession: String { sv ? "Klart: jag tog bort det senast loggade passet." : "Done: I removed the last logged session." }
    public var nothingToUndo: String { sv ? "Det finns inget från idag att ångra." : "There is nothing from today to undo." }

    public var help: String {
        sv ? """
            Checka in varje morgon med det du mätt och hur du mår, till exempel:
              hrv 52 sov 7 timmar stela ben
              vilopuls 48, sov dåligt, ont i vänster hälsena 3/10
              feber 38,5
            Annat du kan skriva: idag · imorgon · veckan · klar 10 km lugnt 52 min ansträngning 4 · status · ångra
            Träning: laktat löpning: vila 0,9; 10 1,1 128; 12 1,4 140; … · zoner · tester · utveckling · övningar
            """ : """
            Check in each morning with what you measured and how you feel, for example:
              hrv 52 sleep 7 sore legs
              rhr 48, slept 6h badly, left achilles 3/10
              fever 38.5
            Other things you can send: today · tomorrow · week · done 10k easy 52min rpe 4 · status · undo
            Training: lactate run: rest 0.9, 10 1.1 128, 12 1.4 140, … · zones · tests · progress · exercises
            """
    }

    /// Greetings and thanks get a short, friendly answer, never "I didn't understand".
    public var smalltalk: String {
        sv ? "👍 Skicka din incheckning när du vill, t.ex. “hrv 52 sov 7”." : "👍 Send your check-in whenever you're ready, e.g. “hrv 52 sleep 7”."
    }

    /// A question about training is answered with the day's workout as it stands.
    public func question(_ planText: String, checkedIn: Bool) -> String {
        checkedIn ? planText
            : planText + (sv ? " Checka in (t.ex. “hrv 52 sov 7 ont i vaden 3/10”) så anpassar jag passet efter hur du mår."
                             : " Check in (e.g. “hrv 52 sleep 7 calf pain 3/10”) and I'll fit it to how you are.")
    }

    /// The athlete's words for the coach were passed on.
    public var relayed: String { sv ? "Jag har skickat det till din tränare." : "Passed on to your coach." }
    public var relayEmpty: String { sv ? "Vad vill du att jag säger till din tränare?" : "What should I tell your coach?" }
    public var noCoachRoom: String {
        sv ? "Jag når inte din tränare härifrån just nu; skriv direkt till hen." : "I can't reach your coach from here right now; please message them directly."
    }

    /// A coach's `tell`, as the athlete reads it.
    public func fromCoach(_ coach: String, _ text: String) -> String {
        (sv ? "Meddelande från din tränare \(coach): " : "Message from your coach \(coach): ") + text
    }

    public var unknown: String {
        sv ? "Det förstod jag inte. Prova en incheckning som “hrv 52 sov 7 stela ben”, eller skriv hjälp."
           : "I didn't understand that. Try a check-in like “hrv 52 sleep 7 sore legs”, or send help."
    }

    /// Said once when someone writes more than 20 messages a minute; then nothing until it ends.
    public var slowDown: String {
        sv ? "Lugna ner dig lite: jag svarar igen om en minut. Det du skickar sparas ändå."
           : "Please slow down: I'll answer again in a minute. What you send is still recorded."
    }

    public var notForAthletes: String {
        sv ? "Det kommandot är bara för tränare. Skriv hjälp för att se vad du kan göra."
           : "Sorry, that command is for coaches only. Send help to see what you can do."
    }

    public var stranger: String {
        "Sorry, I can only help the athletes and coaches of this team. If you should be on it, ask your coach to add you."
    }

    public func coachNotice(coach: String, kind: String, workout: WorkoutSpec?, decision: Decision?, day: String? = nil) -> String {
        switch kind {
        case "override":
            if let day {
                return sv ? "Din tränare \(coach) har ändrat passet för \(day): \(describeWorkout(workout))."
                          : "Your coach \(coach) changed your workout for \(day): \(describeWorkout(workout))."
            }
            return sv ? "Din tränare \(coach) har ändrat dagens pass: \(describeWorkout(workout))."
                      : "Your coach \(coach) changed today's workout: \(describeWorkout(workout))."
        case "approve":
            return sv ? "Din tränare \(coach) håller med om dagens ändring: \(decision?.rawValue ?? "") · \(describeWorkout(workout))."
                      : "Your coach \(coach) agrees with today's change: \(decision?.rawValue ?? "") · \(describeWorkout(workout))."
        default:
            return sv ? "Din tränare \(coach) säger: kör passet som planerat (as planned): \(describeWorkout(workout))."
                      : "Your coach \(coach) says keep today's plan (as planned): \(describeWorkout(workout))."
        }
    }
}

/// What coaches read: alerts, team views and command answers. English only.
public enum CoachTexts {
    public static func alert(athlete name: String, handle: String, reasons: [String], decision: Decision, workout: WorkoutSpec?,
                             zones: AthleteZones? = nil) -> String {
        "⚠ \(name): \(reasons.joined(separator: "; ")) → \(decision.rawValue)"
            + (decision == .seePhysio || decision == .rest ? "" : ": \(WorkoutText.describe(workout, zones: zones))")
            + ".\nAnswer with: override \(handle) WORKOUT · approve \(handle) · keep \(handle)"
    }

    /// A check-in after the coaches' override, approve or keep brought something they had not
    /// seen: what is new, and what the rules would now say.
    public static func newSinceDecision(athlete name: String, handle: String, reasons: [String], decision: Decision, workout: WorkoutSpec?,
                                        zones: AthleteZones? = nil) -> String {
        "⚠ \(name): new since your decision: \(reasons.joined(separator: "; ")). The rules would now say \(decision.rawValue)"
            + (decision == .seePhysio || decision == .rest ? "" : ": \(WorkoutText.describe(workout, zones: zones))")
            + ".\nAnswer with: override \(handle) WORKOUT · approve \(handle) · keep \(handle)"
    }

    public static func missing(names: [String], deadline: String) -> String {
        "⏰ Missed check-in: no check-in by \(deadline) from \(names.joined(separator: ", ")).\n"
            + "Answer with: override NAME WORKOUT · approve NAME · keep NAME"
    }

    public static func unknownAthlete(_ handle: String, roster: [String]) -> String {
        "I don't know an athlete called “\(handle)”." + (roster.isEmpty ? "" : " Athletes: \(roster.joined(separator: ", ")).")
    }

    public static let help = """
        Coach commands:
          override NAME WORKOUT   e.g. override alice easy 40min, override alice rest
          approve NAME            keep the bot's change and tell the athlete
          keep NAME               restore the planned workout
          team                    one line per athlete
          missing                 who has not checked in today
          plan NAME DATE TYPE DURATION ["description"]   e.g. plan alice +1d easy 45min
          override NAME DAY WORKOUT   e.g. override alice tomorrow rest, override erik fri bike 45min
          trend NAME              the athlete's last 14 days (or: how is NAME doing?)
          notes NAME              the notes on the athlete's record, newest first
          tell NAME TEXT          a message to the athlete, kept on the record
          approve all             approve every change the bot made today
          note NAME TEXT          a note on the athlete's record
          lactate NAME [DATE] [run|bike]: rest 0.9, 10 1.1 128, 12 1.4 140, …   a lactate step test (≥ 5 stages)
          zones NAME · tests NAME · progress NAME   the athlete's zones, tests, last 4 weeks
          exercises [CATEGORY] · exercise NAME      the exercise library
        """

    public static func usage(_ intent: Intent) -> String {
        switch intent {
        case .override: return "Usage: override NAME WORKOUT, e.g. override alice easy 40min"
        case .approve: return "Usage: approve NAME"
        case .keep: return "Usage: keep NAME"
        case .planSet: return "Usage: plan NAME DATE TYPE DURATION [\"description\"], e.g. plan alice 2026-03-05 long 100min"
        case .trendOf: return "Usage: trend NAME"
        case .note: return "Usage: note NAME TEXT"
        case .notes: return "Usage: notes NAME"
        case .tell: return "Usage: tell NAME TEXT"
        default: return help
        }
    }
}
