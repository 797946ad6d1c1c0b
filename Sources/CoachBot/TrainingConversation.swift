import CoachCore
import CoachStore
import Conversation
import ReadinessEngine
import TrainingEngine

/// The training engine's chat commands (`lactate`, `zones`, `tests`) for coaches and athletes.
/// A coach names any athlete; an athlete means themself (naming someone else is a coach
/// command). Kept apart from `Bot` so that the readiness conversation stays as it was.
struct TrainingConversation {
    let db: StoreDatabase
    let context: Context
    let person: Person
    /// The text of `Intents/exercises.toml`, seeded into the store when it changed.
    var exerciseLibrary: String?

    /// The intents this conversation answers.
    static func handles(_ intent: Intent) -> Bool {
        [.lactateTest, .zones, .tests, .exercises, .exercise, .progress, .profile, .race, .races, .norwegian, .program, .resume].contains(intent)
    }

    func handle(_ parsed: ParsedMessage) throws -> [OutgoingMessage] {
        let words = TrainingReplies(language: parsed.language ?? .en)
        switch parsed.intent {
        case .lactateTest:
            return try lactate(parsed.text ?? context.message.text, words, language: parsed.language ?? .en)
        case .zones, .tests:
            let subject: Person
            switch try resolve(parsed.athlete, language: parsed.language ?? .en) {
            case .person(let p): subject = p
            case .answer(let text): return [context.reply(text)]
            }
            let own = subject.id == person.id
            let tests = try db.lactateTests(athlete: subject.id).filter { $0.day <= context.today }
            guard let latest = tests.last else { return [context.reply(words.noTest(subject.displayName, own: own))] }
            if parsed.intent == .zones {
                return [context.reply(words.zones(LactateAnalyzer.analyzeCurve(latest.test), name: subject.displayName, day: latest.day))]
            }
            return [context.reply(words.tests(tests.map { ($0.day, LactateAnalyzer.analyzeCurve($0.test)) }, name: subject.displayName))]
        case .exercises:
            try ExerciseLibraryFile.ensureSeeded(db, text: exerciseLibrary)
            if let word = parsed.text {
                guard let category = ExerciseCategory(word: word) else { return [context.reply(words.unknownCategory(word))] }
                return [context.reply(words.exercises(try db.exercises(category: category), category: category))]
            }
            return [context.reply(words.exercises(try db.exercises(), category: nil))]
        case .exercise:
            try ExerciseLibraryFile.ensureSeeded(db, text: exerciseLibrary)
            let name = parsed.text ?? ""
            guard let e = Exercise.find(name, in: try db.exercises()) else { return [context.reply(words.unknownExercise(name))] }
            return [context.reply(words.exercise(e))]
        case .progress:
            switch try resolve(parsed.athlete, language: parsed.language ?? .en) {
            case .person(let p): return [context.reply(try progress(p, words))]
            case .answer(let text): return [context.reply(text)]
            }
        case .profile, .race, .races, .norwegian, .program, .resume:
            return try programs(parsed)
        default:
            return [context.reply(Replies(language: parsed.language ?? .en).unknown)]
        }
    }

    enum Subject {
        case person(Person)
        case answer(String)
    }

    /// Whom the command is about: the named athlete for a coach, oneself for an athlete.
    func resolve(_ handle: String?, language: Language) throws -> Subject {
        if person.role == .athlete {
            guard let handle, handle != person.handle.lowercased() else { return .person(person) }
            return .answer(Replies(language: language).notForAthletes)
        }
        guard let handle else {
            return .answer(language == .sv ? "Vilken idrottare? Skriv namnet efter kommandot, till exempel: zoner alice"
                                           : "Which athlete? Put the name after the command, for example: zones alice")
        }
        guard let athlete = try db.findPerson(handle: handle), athlete.role == .athlete else {
            return .answer(CoachTexts.unknownAthlete(handle, roster: try db.roster(role: .athlete).map(\.handle)))
        }
        return .person(athlete)
    }

    private func lactate(_ text: String, _ words: TrainingReplies, language: Language) throws -> [OutgoingMessage] {
        let message: LactateMessage
        do {
            message = try LactateMessage.read(text, today: context.today)
        } catch let e as LactateInput.Unreadable {
            return [context.reply(words.unreadable(e.location, e.text))]
        }
        let subject: Person
        switch try resolve(message.athlete, language: language) {
        case .person(let p): subject = p
        case .answer(let text): return [context.reply(text)]
        }
        let day = message.date.flatMap { Day.resolve($0, today: context.today) } ?? context.today
        guard day <= context.today else { return [context.reply(words.futureDate)] }
        let analysis: LactateAnalysis
        do {
            analysis = try LactateAnalyzer.analyze(message.test)
        } catch let e as InvalidLactateTest {
            return [context.reply(words.invalid(e.problems.map(words.problem)))]
        }
        try db.addLactateTest(athlete: subject.id, day: day, test: message.test, analysis: analysis, enteredBy: person.id, at: context.message.time)
        let result = words.result(analysis, name: subject.displayName, day: day)
        if subject.id == person.id {
            // The athlete's own test: answered to them; the coaches' room hears of it once.
            var out = [context.reply(result)]
            if let room = try Context.coachesRoom(db, network: context.message.network) {
                out.append(OutgoingMessage(room: room, text: TrainingReplies(language: .en).coachesNotice(athlete: subject.displayName, a: analysis, day: day)))
            }
            return out
        }
        guard let room = try context.directRoom(db, of: subject.id) else {
            return [context.reply(result + "\n" + words.noDirectRoom(subject.displayName))]
        }
        let notice = TrainingReplies(language: .en).athleteNotice(coach: person.displayName, a: analysis, day: day)
        return [context.reply(result + "\n" + words.athleteTold(subject.displayName)), OutgoingMessage(room: room, text: notice)]
    }
}

extension TrainingConversation {
    /// `progress [NAME]` (spec §8): the last four weeks from the plan and the logged sessions.
    func progress(_ athlete: Person, _ words: TrainingReplies) throws -> String {
        let today = context.today
        let history = try db.history(athlete: athlete.id, from: today.adding(days: -59), to: today)
        let sessions = history.flatMap { r in r.sessions.map { (day: r.day, session: $0) } }
        let plans = try db.plans(athlete: athlete.id, from: today.adding(days: -27), to: today).map { (day: $0.day, workout: $0.workout) }
        let report = ProgressReport.make(today: today, plans: plans, sessions: sessions)
        // ACWR as the readiness rules compute it (EWMA 7/28), over the days since the first logged session.
        // Through today once today has a session, else through yesterday (as the morning rules do).
        let lastDay = sessions.contains { $0.day == today } ? today : today.adding(days: -1)
        let firstDay = sessions.map(\.day).min()
        let span = firstDay.map { max(0, lastDay.ordinal - $0.ordinal + 1) } ?? 0
        let loads = (0..<span).map { i -> Double in
            let d = lastDay.adding(days: i - span + 1)
            return history.first { $0.day == d }.map(LoadRules.dailyLoad) ?? 0
        }
        let latest = try db.lactateTests(athlete: athlete.id).last { $0.day <= today }
        return words.progress(name: athlete.displayName, report: report, acwr: LoadRules.acwr(dailyLoads: loads), historyDays: span,
                              latestTest: latest.map { ($0.day, LactateAnalyzer.analyzeCurve($0.test)) }, programPhase: try programPhase(athlete, sv: words.language == .sv))
    }

    /// The active program's phase today ("build, week 6 of 15"; "not started" before its first Monday).
    func programPhase(_ athlete: Person, sv: Bool) throws -> String? {
        guard let stored = try db.program(athlete: athlete.id, statuses: ["active", "paused"]) else { return nil }
        let r = stored.request
        let paused = stored.status == "paused" ? (sv ? " (pausat)" : " (paused)") : ""
        let phases = ProgramGenerator.phases(weeks: r.weekCount, taper: r.distance.taperWeeks)
        let today = context.today
        guard today >= r.start else { return (sv ? "\(r.distance) \(r.raceDay), börjar \(r.start)" : "\(r.distance) \(r.raceDay), starts \(r.start)") + paused }
        let week = (today.ordinal - r.start.ordinal) / 7
        guard week < phases.count else { return nil }
        return (sv ? "\(phases[week].rawValue), vecka \(week + 1) av \(phases.count) (\(r.distance) \(r.raceDay))"
                   : "\(phases[week].rawValue), week \(week + 1) of \(phases.count) (\(r.distance) \(r.raceDay))") + paused
    }
}
