import CoachCore
import CoachStore
import Conversation

/// A coach talking to the bot, in the coaches' room or their direct room: overrides, team views,
/// plans, trends and notes. Every override is recorded with who and when.
struct CoachConversation {
    let db: StoreDatabase
    let context: Context
    let coach: Person

    var today: Day { context.today }

    func handle(_ parsed: ParsedMessage) throws -> [OutgoingMessage] {
        switch parsed.intent {
        case .team: return [context.reply(try team())]
        case .missing: return [context.reply(try missing())]
        case .override, .approve, .keep, .planSet, .trendOf, .note, .notes, .tell:
            guard let handle = parsed.athlete else { return [context.reply(CoachTexts.usage(parsed.intent))] }
            if parsed.intent == .approve, handle == "all" { return try approveAll() }
            let visible = try db.athletesVisible(to: coach.id)
            // "flytta majas pass": a Swedish genitive names maja.
            let genitive = parsed.movesPlanned && handle.hasSuffix("s") ? try db.findPerson(handle: String(handle.dropLast())) : nil
            // Another coach's athlete is answered like an unknown one: the coach learns nothing about them.
            guard let athlete = try db.findPerson(handle: handle) ?? genitive, athlete.role == .athlete, visible?.contains(athlete.id) ?? true else {
                let roster = try db.roster(role: .athlete).filter { visible?.contains($0.id) ?? true }.map(\.handle)
                return [context.reply(CoachTexts.unknownAthlete(handle, roster: roster))]
            }
            return try command(parsed, athlete)
        case .status: return [context.reply(try team())]
        case .help: return [context.reply(CoachTexts.help)]
        default:
            // Coaches talking among themselves in their room are left alone; only words addressed
            // to the bot ("coachbot …") get the command list there.
            if try inCoachesRoom(), !addressedToBot { return [] }
            return [context.reply(CoachTexts.help)]
        }
    }

    private func inCoachesRoom() throws -> Bool {
        try Context.coachesRoom(db, network: context.message.network) == context.message.room
    }

    private var addressedToBot: Bool {
        let t = context.message.text.lowercased().drop { $0 == " " || $0 == "@" }
        return t.hasPrefix("coachbot") || t.hasPrefix("bot ") || t.hasPrefix("bot,") || t.hasPrefix("bot:")
    }

    /// The day a coach named (`tomorrow`, `fri`, `+2d`, an ISO date), or today.
    private func day(_ word: String?) -> Day? {
        guard let word else { return today }
        if let d = Day.resolve(word, today: today) { return d }
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        guard let target = names.firstIndex(of: word) else { return nil }
        return today.adding(days: (target - today.weekday + 7) % 7)
    }

    /// `approve all`: every athlete whose workout the bot changed today, not yet answered by a coach.
    private func approveAll() throws -> [OutgoingMessage] {
        var names: [String] = []
        var notices: [OutgoingMessage] = []
        for athlete in try db.roster(role: .athlete) {
            guard let a = try db.assessment(athlete: athlete.id, day: today), a.decision != .asPlanned,
                  try db.latestCoachAction(athlete: athlete.id, day: today) == nil else { continue }
            try db.recordOverride(athlete: athlete.id, day: today, coach: coach.id, at: context.message.time, kind: .approve,
                                  workout: a.workout, decision: a.decision)
            try db.answerAlerts(athlete: athlete.id, day: today, by: coach.id, at: context.message.time)
            names.append(athlete.displayName)
            if let room = try context.directRoom(db, of: athlete.id) {
                let notice = Replies(language: .en).coachNotice(coach: coach.displayName, kind: "approve", workout: a.workout, decision: a.decision)
                notices.append(OutgoingMessage(room: room, text: notice))
            }
        }
        guard !names.isEmpty else { return [context.reply("Nothing to approve: the bot changed no one's workout today that a coach has not answered.")] }
        return [context.reply("Approved for \(names.joined(separator: ", ")); they have been told.")] + notices
    }

    private func command(_ parsed: ParsedMessage, _ athlete: Person) throws -> [OutgoingMessage] {
        let name = athlete.displayName
        let zones = try AthleteZones.latest(db, athlete: athlete.id, on: today)
        func describe(_ w: WorkoutSpec?) -> String { WorkoutText.describe(w, zones: zones) }
        switch parsed.intent {
        case .override where parsed.movesPlanned:
            guard let to = day(parsed.day), to > today else { return [context.reply("Move it to which day? e.g. move \(athlete.handle)'s intervals to tomorrow")] }
            guard let planned = try db.plan(athlete: athlete.id, day: today), planned.type != .rest else {
                return [context.reply("\(name) has nothing planned today to move.")]
            }
            // The workout moves; today becomes an easy run of at most the same length (our choice: ≤ 45 min).
            try db.setPlan(athlete: athlete.id, day: to, workout: planned, source: .command)
            let easy = WorkoutSpec(type: .easy, minutes: min(planned.minutes ?? 40, 45))
            try db.recordOverride(athlete: athlete.id, day: today, coach: coach.id, at: context.message.time, kind: .override, workout: easy)
            let label = to == today.adding(days: 1) ? "tomorrow" : "\(Self.weekday(to)) \(to)"
            try db.answerAlerts(athlete: athlete.id, day: today, by: coach.id, at: context.message.time)
            let reply = context.reply("Moved \(name)'s \(WorkoutText.describe(planned)) to \(label); today: \(WorkoutText.describe(easy)). \(name) has been told.")
            guard let room = try context.directRoom(db, of: athlete.id) else { return [reply] }
            return [reply, OutgoingMessage(room: room, text: "Your coach \(coach.displayName) moved your \(WorkoutText.describe(planned)) to \(label); today: \(WorkoutText.describe(easy)).")]
        case .override:
            guard let workout = parsed.prescribed, let day = day(parsed.day) else { return [context.reply(CoachTexts.usage(.override))] }
            if let m = workout.minutes, m <= 0 || m > 600 {
                return [context.reply("\(m) min is not a workout I can set: give a duration from 1 to 600 min (or rest).")]
            }
            guard day >= today else { return [context.reply("\(day) has passed: an override is for today or a day ahead.")] }
            try db.recordOverride(athlete: athlete.id, day: day, coach: coach.id, at: context.message.time, kind: .override, workout: workout)
            try audit("override", athlete)
            let label = day == today ? "today" : day == today.adding(days: 1) ? "tomorrow" : "\(Self.weekday(day)) \(day)"
            return try answered(athlete, "Override recorded: \(name) \(label) → \(describe(workout)).", kind: "override",
                                workout: workout, decision: nil, day: day == today ? nil : label)
        case .approve:
            guard let assessment = try db.assessment(athlete: athlete.id, day: today) else {
                return [context.reply("\(name) has not checked in today, so there is no change to approve.")]
            }
            try db.recordOverride(athlete: athlete.id, day: today, coach: coach.id, at: context.message.time, kind: .approve,
                                  workout: assessment.workout, decision: assessment.decision)
            try audit("approve", athlete)
            return try answered(athlete, "Approved for \(name): \(assessment.decision.rawValue) · \(describe(assessment.workout)).",
                                kind: "approve", workout: assessment.workout, decision: assessment.decision)
        case .keep:
            let planned = try db.plan(athlete: athlete.id, day: today)
            try db.recordOverride(athlete: athlete.id, day: today, coach: coach.id, at: context.message.time, kind: .keep, workout: planned)
            try audit("keep", athlete)
            return try answered(athlete, "Kept the plan for \(name): \(describe(planned)) (as planned).", kind: "keep", workout: planned, decision: .asPlanned)
        case .planSet:
            guard let date = parsed.date, let day = Day.resolve(date, today: today), let workout = parsed.prescribed else {
                return [context.reply(CoachTexts.usage(.planSet))]
            }
            try db.setPlan(athlete: athlete.id, day: day, workout: workout, source: .command)
            try audit("plan", athlete)
            let reply = context.reply("Planned for \(name) on \(day): \(describe(workout)).")
            // A change within the athlete's next 7 days is told to them.
            guard day >= today, day <= today.adding(days: 6), let room = try context.directRoom(db, of: athlete.id) else { return [reply] }
            let label = day == today ? "today" : day == today.adding(days: 1) ? "tomorrow" : "\(Self.weekday(day)) \(day)"
            return [reply, OutgoingMessage(room: room, text: "Your coach \(coach.displayName) changed your plan for \(label): \(describe(workout)).")]
        case .trendOf:
            try audit("trend", athlete)
            return [context.reply(try Trend.text(db: db, athlete: athlete, today: today, replies: Replies(language: .en), named: true))]
        case .note:
            guard let text = parsed.noteText, !text.isEmpty else { return [context.reply(CoachTexts.usage(.note))] }
            try db.addNote(athlete: athlete.id, coach: coach.id, at: context.message.time, text: text)
            try audit("note", athlete)
            return [context.reply("Note kept on \(name)'s record.")]
        case .notes:
            let notes = try db.notes(athlete: athlete.id)
            guard !notes.isEmpty else { return [context.reply("No notes on \(name)'s record yet.")] }
            let clock = context.clock
            return [context.reply("Notes on \(name), newest first:\n" + notes.map { "\(clock.day(at: $0.at)): \($0.text)" }.joined(separator: "\n"))]
        case .tell:
            guard let text = parsed.noteText, !text.isEmpty else { return [context.reply(CoachTexts.usage(.tell))] }
            try db.addNote(athlete: athlete.id, coach: coach.id, at: context.message.time, text: "told \(name): \(text)")
            guard let room = try context.directRoom(db, of: athlete.id) else {
                return [context.reply("Kept on \(name)'s record, but \(name) has no direct room with me yet, so I could not tell them.")]
            }
            return [context.reply("Sent to \(name), and kept on the record."),
                    OutgoingMessage(room: room, text: Replies(language: .en).fromCoach(coach.displayName, text))]
        default:
            return [context.reply(CoachTexts.help)]
        }
    }

    static func weekday(_ d: Day) -> String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday]
    }

    /// The coach's answer plus the message that tells the athlete; open alerts are answered.
    private func answered(_ athlete: Person, _ text: String, kind: String, workout: WorkoutSpec?, decision: Decision?, day: String? = nil) throws -> [OutgoingMessage] {
        try db.answerAlerts(athlete: athlete.id, day: today, by: coach.id, at: context.message.time)
        guard let room = try context.directRoom(db, of: athlete.id) else {
            return [context.reply(text + " \(athlete.displayName) has no direct room with me yet, so I could not tell them.")]
        }
        let notice = Replies(language: .en, zones: try AthleteZones.latest(db, athlete: athlete.id, on: today)).coachNotice(coach: coach.displayName, kind: kind, workout: workout, decision: decision, day: day)
        return [context.reply(text + " \(athlete.displayName) has been told."), OutgoingMessage(room: room, text: notice)]
    }

    private func team() throws -> String {
        let visible = try db.athletesVisible(to: coach.id)
        let rows = try db.teamView(day: today).filter { visible?.contains($0.athlete.id) ?? true }
        guard !rows.isEmpty else { return "No athletes on the roster yet." }
        for row in rows { try audit("team", row.athlete) }
        return "Team, \(today):\n" + rows.map { row in
            guard row.checkedIn, let band = row.band, let decision = row.decision else {
                return "\(row.athlete.displayName): missing"
            }
            return "\(row.athlete.displayName): \(band.rawValue)\(row.score.map { " \($0)" } ?? "") · \(decision.rawValue)"
        }.joined(separator: "\n")
    }

    /// One audit row for a read or change of an athlete's data: who, what, where; no values.
    private func audit(_ action: String, _ athlete: Person) throws {
        try db.appendAudit(AuditEntry(at: context.message.time, actor: coach.handle, actorRole: coach.role.rawValue, action: action,
                                      athlete: athlete.handle, network: context.message.network, room: context.message.room))
    }

    private func missing() throws -> String {
        let visible = try db.athletesVisible(to: coach.id)
        let missing = try db.missingCheckins(day: today).filter { visible?.contains($0.id) ?? true }
        return missing.isEmpty ? "Everyone has checked in today." : "Not checked in today: " + missing.map(\.displayName).joined(separator: ", ")
    }
}
