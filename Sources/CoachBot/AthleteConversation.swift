import CheckinParser
import CoachCore
import CoachStore
import Conversation
import ReadinessEngine
import TrainingEngine

/// An athlete talking to the bot: check-ins, logs, plan questions, trend, undo, help.
struct AthleteConversation {
    let db: StoreDatabase
    let context: Context
    let athlete: Person

    var today: Day { context.today }

    func handle(_ parsed: ParsedMessage) throws -> [OutgoingMessage] {
        let replies = Replies(language: parsed.language ?? .en, zones: try AthleteZones.latest(db, athlete: athlete.id, on: today))
        switch parsed.intent {
        case .checkin: return try checkin(parsed, replies)
        case .workoutLog: return [context.reply(try log(parsed, replies))]
        case .today: return [context.reply(try plan(parsed.day ?? "today", replies))]
        case .status: return [context.reply(try Trend.text(db: db, athlete: athlete, today: today, replies: replies, named: false))]
        case .undo: return [context.reply(try undo(replies))]
        case .help: return [context.reply(replies.help)]
        case .smalltalk: return [context.reply(replies.smalltalk)]
        case .question: return [context.reply(try question(parsed.day ?? "today", replies))]
        case .messageCoach: return try relay(parsed.text ?? "", replies)
        default: return [context.reply(replies.unknown)]
        }
    }

    /// "can I still do intervals?": the day's workout as it stands, and an invitation to check in.
    private func question(_ day: String, _ replies: Replies) throws -> String {
        let checkedIn = try db.assessment(athlete: athlete.id, day: today) != nil
        switch day {
        case "today", "tomorrow": return replies.question(try plan(day, replies), checkedIn: day == "today" && checkedIn)
        default:
            let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
            guard let target = names.firstIndex(of: day) else { return replies.question(try plan("today", replies), checkedIn: checkedIn) }
            let d = today.adding(days: (target - today.weekday + 7) % 7)
            if d == today { return replies.question(try plan("today", replies), checkedIn: checkedIn) }
            let label = Self.weekday(d, sv: replies.language == .sv) + " " + d.description
            return replies.question(replies.plan(day: label, planned: try db.effectivePlan(athlete: athlete.id, day: d), modified: nil), checkedIn: false)
        }
    }

    /// The athlete's words for the coach: confirmed here, relayed to the coaches' room by name.
    private func relay(_ text: String, _ replies: Replies) throws -> [OutgoingMessage] {
        guard !text.isEmpty else { return [context.reply(replies.relayEmpty)] }
        guard let coaches = try Context.coachesRoom(db, network: context.message.network) else { return [context.reply(replies.noCoachRoom)] }
        return [context.reply(replies.relayed), OutgoingMessage(room: coaches, text: "✉ \(athlete.displayName) (\(athlete.handle)): \(text)")]
    }

    private func checkin(_ parsed: ParsedMessage, _ replies: Replies) throws -> [OutgoingMessage] {
        let problems = CheckinValidation.problems(in: parsed)
        guard problems.isEmpty else {
            try db.saveRejectedCheckin(athlete: athlete.id, day: today, receivedAt: context.message.time, messageID: context.message.messageID,
                                       rawText: context.message.text, reason: problems.map(\.description).joined(separator: "; "),
                                       parserVersion: CheckinParser.version)
            return [context.reply(replies.rejected(problems))]
        }
        // A check-in and a log in one message: both are kept, the log first so today's rules see it.
        let logLine = try parsed.workout.flatMap { $0.isEmpty ? nil : try logSession($0, parsed, replies) }
        var record = DailyRecord(day: today, metrics: parsed.metrics, soreness: parsed.soreness, pain: parsed.pain, illness: parsed.illness)
        // A second check-in the same day corrects the first: what it says replaces, what it
        // does not mention stays ("fever 38.4", then "also knee pain 2/10" keeps the fever).
        var history = try db.history(athlete: athlete.id, from: today.adding(days: -60), to: today)
        if let earlier = history.last, earlier.day == today {
            history.removeLast()
            if earlier.hasCheckinFacts {
                record = CheckinMerge.merge(earlier: earlier, correction: record, denied: parsed.denied)
            }
        }
        let saved = try db.saveCheckin(athlete: athlete.id, record: record, receivedAt: context.message.time,
                                       messageID: context.message.messageID, rawText: context.message.text,
                                       parsedJSON: parsed.json, parserVersion: CheckinParser.version)
        // Spec §6: while the program is paused the rules' alternative stands (their cross-training,
        // rest or return-to-running stage, judged against the real plan); only a run they would
        // leave a run becomes the paused program's cross-training.
        var planned = try db.plan(athlete: athlete.id, day: today)
        var verdict = ReadinessEngine.assess(AssessmentInput(today: today, checkin: record, planned: planned, history: history))
        let whilePaused = try db.effectivePlan(athlete: athlete.id, day: today)
        if whilePaused != planned, verdict.returnToRunStage == nil, verdict.workout?.type.isRun ?? false {
            planned = whilePaused
            verdict = ReadinessEngine.assess(AssessmentInput(today: today, checkin: record, planned: planned, history: history))
        }
        // What the coaches had seen when they decided today (override, approve or keep).
        let coachAction = try db.latestCoachAction(athlete: athlete.id, day: today)
        let seenByCoaches = coachAction == nil ? nil : try db.assessment(athlete: athlete.id, day: today)
        try db.saveAssessment(StoredAssessment(
            athleteID: athlete.id, day: today, checkinID: saved.id, score: verdict.score, band: verdict.band,
            decision: verdict.decision, reasons: verdict.reasons, workout: verdict.workout,
            ruleVersion: ReadinessEngine.ruleVersion, createdAt: context.message.time))
        let coachWorkout = coachAction.flatMap { $0.kind == .approve ? nil : $0.workout }
        var text = replies.checkin(verdict, planned: planned, isUpdate: saved.isUpdate, coachWorkout: coachWorkout, soreness: parsed.soreness)
        if let logLine { text += "\n" + logLine }
        // Spec §6: a physio referral, or no running two days in a row for pain or illness below
        // the neck, pauses the program; the coaches hear it in the same alert, the athlete is told.
        let pauses = ProgramPause.shouldPause(today: record, decision: verdict.decision, yesterday: history.last { $0.day == today.adding(days: -1) })
        let paused = pauses ? try db.pauseProgram(athlete: athlete.id, day: today) : false
        if paused { text += "\n" + (replies.language == .sv ? "Ditt program är pausat tills din tränare återupptar det." : "Your program is paused until your coach resumes it.") }
        var out = [context.reply(text)]
        let pausedLine = "program paused — send `resume \(athlete.handle)` to continue it"
        if paused, verdict.alert == nil, let coaches = try Context.coachesRoom(db, network: context.message.network) {
            out.append(OutgoingMessage(room: coaches, text: "\(athlete.displayName) (\(athlete.handle)): " + pausedLine))
        }
        // After the coaches decided, what is new since reaches them again, alert or not: their
        // decision was made without it.
        let newSinceCoaches = seenByCoaches.map { seen in verdict.reasons.filter { !seen.reasons.contains($0) } } ?? []
        if !newSinceCoaches.isEmpty, let coaches = try Context.coachesRoom(db, network: context.message.network) {
            if let alert = verdict.alert {
                try db.recordAlert(athlete: athlete.id, day: today, at: context.message.time, kind: "readiness", reasons: alert.reasons)
            }
            out.append(OutgoingMessage(room: coaches, text: CoachTexts.newSinceDecision(
                athlete: athlete.displayName, handle: athlete.handle, reasons: newSinceCoaches, decision: verdict.decision,
                workout: verdict.workout, zones: replies.zones) + (paused && verdict.alert != nil ? "\n" + pausedLine : "")))
        } else if let alert = verdict.alert, let coaches = try Context.coachesRoom(db, network: context.message.network) {
            // A corrected check-in alerts again only when the reasons changed.
            let previous = try db.alerts(athlete: athlete.id, day: today).last { $0.kind == "readiness" }
            if previous?.reasons != alert.reasons {
                try db.recordAlert(athlete: athlete.id, day: today, at: context.message.time, kind: "readiness", reasons: alert.reasons)
                out.append(OutgoingMessage(room: coaches, text: CoachTexts.alert(
                    athlete: athlete.displayName, handle: athlete.handle, reasons: alert.reasons, decision: verdict.decision, workout: verdict.workout, zones: replies.zones)
                    + (paused ? "\n" + pausedLine : "")))
            } else if paused {
                out.append(OutgoingMessage(room: coaches, text: "\(athlete.displayName) (\(athlete.handle)): " + pausedLine))
            }
        }
        return out
    }

    private func log(_ parsed: ParsedMessage, _ replies: Replies) throws -> String {
        let problems = CheckinValidation.problems(in: parsed)
        guard problems.isEmpty else { return replies.rejected(problems) }
        return try logSession(parsed.workout ?? WorkoutLog(), parsed, replies)
    }

    /// Logs a session on the day it was done (`yesterday`, a weekday: the latest one, today
    /// included; an ISO date), or notes a skipped one; warns about a run far longer than usual.
    private func logSession(_ w: WorkoutLog, _ parsed: ParsedMessage, _ replies: Replies) throws -> String {
        let day = sessionDay(w.day)
        let label = day == today ? nil : day == today.adding(days: -1) ? (replies.language == .sv ? "igår" : "yesterday") : day.description
        if w.skipped { return replies.skipped(day: label) }
        let isRun = w.modality.map { $0 == .run } ?? parsed.workoutIsRun
        let session = LoggedSession(minutes: w.minutes, km: w.km, rpe: w.rpe, isRun: isRun)
        var longest = (minutes: 0.0, km: 0.0)
        for r in try db.history(athlete: athlete.id, from: day.adding(days: -30), to: day.adding(days: -1)) {
            for s in r.sessions where s.isRun {
                longest.minutes = max(longest.minutes, s.minutes ?? 0)
                longest.km = max(longest.km, s.km ?? 0)
            }
        }
        try db.logSession(athlete: athlete.id, day: day, session: session, rawText: context.message.text, at: context.message.time)
        var details: [String] = []
        if let m = w.modality, m != .run { details.append(m.rawValue.replacingUnderscores) }
        if let n = w.reps {
            let each = w.repMinutes.map { "\(formatNumber($0)) min" } ?? w.repKm.map { $0 < 1 ? "\(formatNumber($0 * 1000)) m" : "\(formatNumber($0)) km" } ?? ""
            details.append("\(n)×\(each)")
        }
        if let hr = w.hrAvg { details.append((replies.language == .sv ? "snittpuls " : "avg HR ") + "\(formatNumber(hr)) bpm") }
        var text = replies.logged(session, day: label, details: details)
        if isRun, let spike = LoadRules.sessionSpike(minutes: w.minutes, km: w.km, longestMinutes: longest.minutes,
                                                    longestKm: longest.km, otherFlags: false),
           let reason = spike.reason, let open = reason.firstIndex(of: "("), let close = reason.lastIndex(of: ")"), open < close {
            text += " " + replies.spikeWarning(String(reason[reason.index(after: open)..<close]))
        }
        return text
    }

    private func sessionDay(_ word: String?) -> Day {
        guard let word else { return today }
        if word == "yesterday" { return today.adding(days: -1) }
        if let d = Day(iso: word), d <= today { return d }
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        guard let target = names.firstIndex(of: word) else { return today }
        return today.adding(days: -((today.weekday - target + 7) % 7))
    }

    private func plan(_ which: String, _ replies: Replies) throws -> String {
        let sv = replies.language == .sv
        switch which {
        case "week":
            let plans = try db.plans(athlete: athlete.id, from: today, to: today.adding(days: 6))
            let days = (0..<7).map { i -> (label: String, workout: WorkoutSpec?) in
                let d = today.adding(days: i)
                let coach = try? db.overrideWorkout(athlete: athlete.id, day: d)
                return (Self.weekday(d, sv: sv) + " " + d.description, coach ?? plans.first { $0.day == d }?.workout)
            }
            return replies.week(days)
        case "tomorrow":
            let d = today.adding(days: 1)
            let planned = try db.effectivePlan(athlete: athlete.id, day: d)
            // A coach's override for tomorrow shows as the coach's.
            if let action = try db.latestCoachAction(athlete: athlete.id, day: d), action.kind == .override {
                return replies.plan(day: sv ? "Imorgon" : "Tomorrow", planned: planned, modified: nil, coach: (action.workout ?? planned, action.decision ?? .asPlanned))
            }
            return replies.plan(day: sv ? "Imorgon" : "Tomorrow", planned: planned, modified: nil)
        default:
            let planned = try db.effectivePlan(athlete: athlete.id, day: today)
            let label = sv ? "Idag" : "Today"
            if let action = try db.latestCoachAction(athlete: athlete.id, day: today) {
                return replies.plan(day: label, planned: planned, modified: nil, coach: (action.workout ?? planned, action.decision ?? .asPlanned))
            }
            let assessment = try db.assessment(athlete: athlete.id, day: today)
            return replies.plan(day: label, planned: planned, modified: assessment.map { ($0.decision, $0.workout) })
        }
    }

    private func undo(_ replies: Replies) throws -> String {
        switch try db.latestEntry(athlete: athlete.id, day: today) {
        case .checkin?:
            try db.deleteCheckin(athlete: athlete.id, day: today)
            return replies.undone
        case .session?:
            try db.deleteLastSession(athlete: athlete.id, day: today)
            return replies.undoneSession
        case nil:
            return replies.nothingToUndo
        }
    }

    static func weekday(_ d: Day, sv: Bool) -> String {
        (sv ? ["mån", "tis", "ons", "tor", "fre", "lör", "sön"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])[d.weekday]
    }
}

/// The 14-day trend an athlete asks for with `status` and a coach with `trend NAME`.
enum Trend {
    static func text(db: StoreDatabase, athlete: Person, today: Day, replies: Replies, named: Bool) throws -> String {
        let from = today.adding(days: -13)
        let history = try db.history(athlete: athlete.id, from: from, to: today)
        func series(_ value: (Metrics) -> Double?) -> [Double?] {
            (0..<14).map { i in history.first { $0.day == from.adding(days: i) }.flatMap { value($0.metrics) } }
        }
        let latest = try db.assessment(athlete: athlete.id, day: today)
        let effective = history.last { $0.day == today }?.decision
        return replies.trend(name: named ? athlete.displayName : nil, hrv: series(\.hrvMs), rhr: series(\.rhrBpm),
                             sleep: series(\.sleepHours), last: latest.map { ($0.score, $0.band, effective ?? $0.decision) })
    }
}
