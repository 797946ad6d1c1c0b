import CoachCore
import CoachStore
import Conversation
import TrainingEngine

/// Programs in chat (issue 10, spec §3–§6): `profile`, `race`, `races`, `norwegian`, `program`,
/// `resume`. Coaches name the athlete; an athlete may look at their own (`races`, `norwegian`,
/// `program`, `profile` without facts) but changing anything is the coach's.
extension TrainingConversation {
    func programs(_ parsed: ParsedMessage) throws -> [OutgoingMessage] {
        let language = parsed.language ?? .en
        let sv = language == .sv
        let subject: Person
        switch try resolve(parsed.athlete, language: language) {
        case .person(let p): subject = p
        case .answer(let text): return [context.reply(text)]
        }
        let args = (parsed.text ?? "").split(separator: " ").map(String.init)
        let changes = parsed.intent == .race || parsed.intent == .resume || (parsed.intent == .profile && !args.isEmpty)
            || (parsed.intent == .program && !args.isEmpty)
        if changes, person.role == .athlete { return [context.reply(Replies(language: language).notForAthletes)] }
        let name = subject.displayName
        switch parsed.intent {
        case .profile:
            for pair in args {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else {
                    return [context.reply(sv ? "Skriv fakta som nyckel=värde, till exempel: profil \(subject.handle) years_running=4 lactate_meter=yes"
                                             : "Write facts as key=value, for example: profile \(subject.handle) years_running=4 lactate_meter=yes")]
                }
                try db.setProfileFact(athlete: subject.id, key: kv[0], value: kv[1])
            }
            let facts = try db.profile(athlete: subject.id).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let km = try db.weeklyRunningKm(athlete: subject.id, today: context.today)
            return [context.reply((sv ? "Profil för \(name): " : "Profile of \(name): ") + (facts.isEmpty ? "–" : facts.joined(separator: ", "))
                                  + (sv ? "; löpning \(LactateNumber.text(km, decimals: 1)) km/vecka (28 dagar)" : "; running \(LactateNumber.text(km, decimals: 1)) km/week (28 days)"))]
        case .race:
            guard args.count >= 2, let day = Day(iso: args[0]), let distance = RaceDistance(word: args[1]) else {
                return [context.reply(sv ? "Skriv: tävling NAMN DATUM DISTANS [A|B|C], till exempel: tävling \(subject.handle) 2027-03-14 half B"
                                         : "Write: race NAME DATE DISTANCE [A|B|C], for example: race \(subject.handle) 2027-03-14 half B")]
            }
            let priority = args.count > 2 ? args[2].uppercased() : "B"
            guard ["A", "B", "C"].contains(priority) else { return [context.reply(sv ? "Prioritet är A, B eller C." : "Priority is A, B or C.")] }
            try db.addRace(athlete: subject.id, RaceEntry(day: day, distance: distance, priority: priority))
            return [context.reply(sv ? "Tävling för \(name): \(distance) \(day) (\(priority))." : "Race for \(name): \(distance) on \(day) (\(priority)).")]
        case .races:
            let races = try db.races(athlete: subject.id)
            if races.isEmpty { return [context.reply(sv ? "\(name) har inga tävlingar." : "\(name) has no races.")] }
            return [context.reply(([sv ? "Tävlingar för \(name):" : "Races of \(name):"] + races.map { "  \($0.day) \($0.distance) \($0.priority)\($0.day < context.today ? (sv ? " (genomförd)" : " (past)") : "")" }).joined(separator: "\n"))]
        case .norwegian:
            let latest = try db.lactateTests(athlete: subject.id).last { $0.day <= context.today }
            let e = NorwegianEligibility.assess(try standing(subject), test: latest?.test, language: language)
            return [context.reply(ProgramText(language: language).norwegian(e, name: name))]
        case .program:
            return try program(subject, args, language: language)
        case .resume:
            guard let paused = try db.program(athlete: subject.id, statuses: ["paused"]) else {
                return [context.reply(sv ? "\(name) har inget pausat program." : "\(name) has no paused program.")]
            }
            try db.setProgramStatus(id: paused.id, "active")
            return try told(subject, coachText: sv ? "Programmet för \(name) fortsätter från i morgon." : "The program of \(name) continues from tomorrow.",
                            athleteText: "Your coach resumed your program: it continues from tomorrow. / Din tränare har återupptagit ditt program från i morgon.")
        default:
            return [context.reply(Replies(language: language).unknown)]
        }
    }

    /// What the engine needs to know of the athlete, read from the store.
    func standing(_ athlete: Person) throws -> AthleteStanding {
        let profile = try db.profile(athlete: athlete.id)
        let latest = try db.lactateTests(athlete: athlete.id).last { $0.day <= context.today }
        let meter = ["yes", "ja", "true", "1", "y"].contains((profile["lactate_meter"] ?? "").lowercased())
        return AthleteStanding(
            yearsRunning: profile["years_running"].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) },
            weeklyKm: try db.weeklyRunningKm(athlete: athlete.id, today: context.today),
            daysSinceLatestTest: latest.map { context.today.ordinal - $0.day.ordinal },
            lactateMeter: meter, hasCoach: !(try db.roster(role: .coach)).isEmpty)
    }

    /// Pain ≥ 4/10 and "see a physio or doctor" days of the last 8 weeks, and paused programs.
    func injuries(_ athlete: Person) throws -> [InjuryNote] {
        let today = context.today
        var notes: [InjuryNote] = []
        for r in try db.history(athlete: athlete.id, from: today.adding(days: -CascadeRule.injuryDays), to: today) {
            for p in r.pain where (p.score ?? 0) >= 4 { notes.append(InjuryNote(day: r.day, location: p.location.rawValue.replacingOccurrences(of: "_", with: " "))) }
            if r.decision == .seePhysio, r.pain.isEmpty { notes.append(InjuryNote(day: r.day, location: "see a physio or doctor")) }
        }
        if let paused = try db.program(athlete: athlete.id, statuses: ["paused"]), let on = paused.pausedOn, on.ordinal >= today.ordinal - CascadeRule.injuryDays {
            notes.append(InjuryNote(day: on, location: "program paused"))
        }
        return notes
    }

    func program(_ subject: Person, _ args: [String], language: Language) throws -> [OutgoingMessage] {
        let sv = language == .sv, name = subject.displayName
        let words = ProgramText(language: language)
        let analysis = try db.lactateTests(athlete: subject.id).last { $0.day <= context.today }.map { LactateAnalyzer.analyzeCurve($0.test) }
        try ExerciseLibraryFile.ensureSeeded(db, text: exerciseLibrary)
        let library = try db.exercises(category: .strength)
        func make(_ r: ProgramRequest) throws -> (Program, Validation) {
            let p = ProgramGenerator.generate(r, analysis: analysis, exercises: library)
            return (p, ValidationCascade.validate(p, CascadeInput(standing: try standing(subject), races: try db.races(athlete: subject.id), injuries: try injuries(subject)),
                                                 language: language))
        }
        switch args.first?.lowercased() {
        case nil:
            guard let active = try db.program(athlete: subject.id, statuses: ["active", "paused"]) else {
                return [context.reply(sv ? "\(name) har inget aktivt program." : "\(name) has no active program.")]
            }
            let p = ProgramGenerator.generate(active.request, analysis: analysis, exercises: library)
            let head = "\(sv ? "Program för" : "Program of") \(name): \(active.request.distance) \(active.request.raceDay), \(active.request.method.rawValue)"
                + (active.status == "paused" ? (sv ? " — PAUSAT" : " — PAUSED") : "")
            return [context.reply(([head] + words.weeks(p)).joined(separator: "\n"))]
        case "confirm", "bekräfta":
            guard let preview = try db.program(athlete: subject.id, statuses: ["preview"]) else {
                return [context.reply(sv ? "Ingen förhandsvisning att bekräfta: skicka först program \(subject.handle) DISTANS DATUM." : "No preview to confirm: send program \(subject.handle) DISTANCE DATE first.")]
            }
            let (p, v) = try make(preview.request)
            guard v.canProceed else {
                return [context.reply(((sv ? ["Kan inte spara programmet:"] : ["Cannot write the program:"]) + v.errors.map { "  \($0)" }).joined(separator: "\n"))]
            }
            try db.activate(preview, sessions: p.sessions)
            let r = preview.request
            return try told(subject, coachText: sv ? "Programmet för \(name) är sparat: \(p.weeks.count) veckor från \(r.start) till \(r.distance) \(r.raceDay)."
                                                   : "The program of \(name) is written: \(p.weeks.count) weeks from \(r.start) to the \(r.distance) on \(r.raceDay).",
                            athleteText: "Your coach wrote your program: \(p.weeks.count) weeks from \(r.start) to the \(r.distance) on \(r.raceDay). / Din tränare har lagt ditt program: \(p.weeks.count) veckor från \(r.start) till \(r.distance) \(r.raceDay).")
        case "cancel", "avbryt":
            guard let active = try db.program(athlete: subject.id, statuses: ["active", "paused"]) else {
                return [context.reply(sv ? "\(name) har inget aktivt program." : "\(name) has no active program.")]
            }
            try db.setProgramStatus(id: active.id, "cancelled")
            return [context.reply(sv ? "Programmet för \(name) är avbrutet; redan lagda pass ligger kvar tills de ändras." : "The program of \(name) is cancelled; the plan rows already written stay until changed.")]
        default:
            guard args.count >= 2, let distance = RaceDistance(word: args[0]), let raceDay = Day(iso: args[1]) else {
                return [context.reply(sv ? "Skriv: program NAMN DISTANS DATUM [polarized|pyramidal|norwegian|canova] [TOPP km]"
                                         : "Write: program NAME DISTANCE DATE [polarized|pyramidal|norwegian|canova] [PEAK km]")]
            }
            var method = Methodology.polarized, peak: Double?
            for a in args.dropFirst(2) {
                let w = a.lowercased()
                if let m = Methodology(rawValue: w == "norska" ? "norwegian" : w) { method = m; continue }
                let digits = w.hasSuffix("km") ? String(w.dropLast(2)) : w
                if let v = Double(digits.replacingOccurrences(of: ",", with: ".")), v > 0, v < 500 { peak = v; continue }
                return [context.reply(sv ? "Förstod inte \"\(a)\"." : "I did not understand \"\(a)\".")]
            }
            let r = ProgramRequest(distance: distance, raceDay: raceDay, today: context.today, method: method, peakKm: peak,
                                   currentWeeklyKm: try db.weeklyRunningKm(athlete: subject.id, today: context.today))
            let (p, v) = try make(r)
            try db.savePreview(athlete: subject.id, r)
            // The coach sees what confirming will replace before anything is written.
            let replaced = r.weekCount > 0 ? try db.plans(athlete: subject.id, from: r.start, to: r.raceDay).count : 0
            return [context.reply(words.preview(p, v, name: subject.handle, replacing: replaced))]
        }
    }

    /// The coach's reply, and the athlete told in their direct room (or the coach told they could not be).
    func told(_ athlete: Person, coachText: String, athleteText: String) throws -> [OutgoingMessage] {
        guard let room = try context.directRoom(db, of: athlete.id) else {
            return [context.reply(coachText + "\n" + TrainingReplies(language: .en).noDirectRoom(athlete.displayName))]
        }
        return [context.reply(coachText + "\n" + TrainingReplies(language: .en).athleteTold(athlete.displayName)), OutgoingMessage(room: room, text: athleteText)]
    }
}
