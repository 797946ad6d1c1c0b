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
        case .override, .approve, .keep, .planSet, .trendOf, .note:
            guard let handle = parsed.athlete else { return [context.reply(CoachTexts.usage(parsed.intent))] }
            let visible = try db.athletesVisible(to: coach.id)
            // Another coach's athlete is answered like an unknown one: the coach learns nothing about them.
            guard let athlete = try db.findPerson(handle: handle), athlete.role == .athlete, visible?.contains(athlete.id) ?? true else {
                let roster = try db.roster(role: .athlete).filter { visible?.contains($0.id) ?? true }.map(\.handle)
                return [context.reply(CoachTexts.unknownAthlete(handle, roster: roster))]
            }
            return try command(parsed, athlete)
        case .status: return [context.reply(try team())]
        default: return [context.reply(CoachTexts.help)]
        }
    }

    private func command(_ parsed: ParsedMessage, _ athlete: Person) throws -> [OutgoingMessage] {
        let name = athlete.displayName
        switch parsed.intent {
        case .override:
            guard let workout = parsed.prescribed else { return [context.reply(CoachTexts.usage(.override))] }
            try db.recordOverride(athlete: athlete.id, day: today, coach: coach.id, at: context.message.time, kind: .override, workout: workout)
            try audit("override", athlete)
            return try answered(athlete, "Override recorded: \(name) today → \(WorkoutText.describe(workout)).", kind: "override", workout: workout, decision: nil)
        case .approve:
            guard let assessment = try db.assessment(athlete: athlete.id, day: today) else {
                return [context.reply("\(name) has not checked in today, so there is no change to approve.")]
            }
            try db.recordOverride(athlete: athlete.id, day: today, coach: coach.id, at: context.message.time, kind: .approve,
                                  workout: assessment.workout, decision: assessment.decision)
            try audit("approve", athlete)
            return try answered(athlete, "Approved for \(name): \(assessment.decision.rawValue) · \(WorkoutText.describe(assessment.workout)).",
                                kind: "approve", workout: assessment.workout, decision: assessment.decision)
        case .keep:
            let planned = try db.plan(athlete: athlete.id, day: today)
            try db.recordOverride(athlete: athlete.id, day: today, coach: coach.id, at: context.message.time, kind: .keep, workout: planned)
            try audit("keep", athlete)
            return try answered(athlete, "Kept the plan for \(name): \(WorkoutText.describe(planned)) (as planned).", kind: "keep", workout: planned, decision: .asPlanned)
        case .planSet:
            guard let date = parsed.date, let day = Day.resolve(date, today: today), let workout = parsed.prescribed else {
                return [context.reply(CoachTexts.usage(.planSet))]
            }
            try db.setPlan(athlete: athlete.id, day: day, workout: workout, source: .command)
            try audit("plan", athlete)
            return [context.reply("Planned for \(name) on \(day): \(WorkoutText.describe(workout)).")]
        case .trendOf:
            try audit("trend", athlete)
            return [context.reply(try Trend.text(db: db, athlete: athlete, today: today, replies: Replies(language: .en), named: true))]
        case .note:
            guard let text = parsed.noteText, !text.isEmpty else { return [context.reply(CoachTexts.usage(.note))] }
            try db.addNote(athlete: athlete.id, coach: coach.id, at: context.message.time, text: text)
            try audit("note", athlete)
            return [context.reply("Note kept on \(name)'s record.")]
        default:
            return [context.reply(CoachTexts.help)]
        }
    }

    /// The coach's answer plus the message that tells the athlete; open alerts are answered.
    private func answered(_ athlete: Person, _ text: String, kind: String, workout: WorkoutSpec?, decision: Decision?) throws -> [OutgoingMessage] {
        try db.answerAlerts(athlete: athlete.id, day: today, by: coach.id, at: context.message.time)
        guard let room = try context.directRoom(db, of: athlete.id) else {
            return [context.reply(text + " (\(athlete.displayName) has no direct room with me yet, so I could not tell them.)")]
        }
        let notice = Replies(language: .en).coachNotice(coach: coach.displayName, kind: kind, workout: workout, decision: decision)
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
