import CoachCore
import GRDB

/// Assessments, coach overrides, notes and alerts.
extension Database {
    /// Saves (or replaces) the engine's assessment of an athlete's day.
    public func saveAssessment(_ a: Assessment) throws {
        try cachedStatement(sql: """
            INSERT INTO assessments (athlete_id, day, checkin_id, score, band, decision, reasons_json, workout_json,
                rule_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(athlete_id, day) DO UPDATE SET checkin_id = excluded.checkin_id, score = excluded.score,
                band = excluded.band, decision = excluded.decision, reasons_json = excluded.reasons_json,
                workout_json = excluded.workout_json, rule_version = excluded.rule_version, created_at = excluded.created_at
            """).execute(arguments: [
                a.athleteID, a.day.ordinal, a.checkinID, a.score, a.band.rawValue, a.decision.rawValue,
                JSONCoding.encodeStrings(a.reasons), a.workout.map(JSONCoding.encodeWorkout), a.ruleVersion, a.createdAt,
            ])
    }

    /// The assessment of an athlete's day, if the engine made one.
    public func assessment(athlete: PersonID, day: Day) throws -> Assessment? {
        guard let row = try Row.fetchOne(cachedStatement(sql: """
            SELECT checkin_id, score, band, decision, reasons_json, workout_json, rule_version, created_at
            FROM assessments WHERE athlete_id = ? AND day = ?
            """), arguments: [athlete, day.ordinal]),
            let band = Band(rawValue: row[2]), let decision = Decision(rawValue: row[3])
        else { return nil }
        return Assessment(
            athleteID: athlete, day: day, checkinID: row[0], score: row[1], band: band, decision: decision,
            reasons: JSONCoding.decode([String].self, row[4]) ?? [],
            workout: JSONCoding.decode(WorkoutSpec.self, row[5]), ruleVersion: row[6], createdAt: row[7])
    }

    /// Records a coach's override/approve/keep. `decision` is what the day settles on; when nil
    /// it is derived: `keep` → as planned, `override` → from the workout type, `approve` → the
    /// assessment stands. The latest record of a day wins in `history` and `teamView`.
    @discardableResult
    public func recordOverride(
        athlete: PersonID, day: Day, coach: PersonID, at: Double, kind: OverrideKind,
        workout: WorkoutSpec? = nil, decision: Decision? = nil
    ) throws -> Int64 {
        let effective: Decision?
        switch kind {
        case .approve: effective = decision
        case .keep: effective = decision ?? .asPlanned
        case .override: effective = decision ?? workout.map(Self.decision(for:)) ?? .asPlanned
        }
        try cachedStatement(sql: """
            INSERT INTO coach_overrides (athlete_id, day, coach_id, at, kind, decision, workout_json) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [athlete, day.ordinal, coach, at, kind.rawValue, effective?.rawValue,
                             try workout.map(JSONCoding.encode)])
        return lastInsertedRowID
    }

    /// The decision a coach-prescribed workout amounts to.
    static func decision(for workout: WorkoutSpec) -> Decision {
        switch workout.type {
        case .rest: return .rest
        case .cross, .strength: return .crossTrain
        case .easy, .recovery: return .easyAerobic
        default: return .asPlanned
        }
    }

    /// The workout the latest `override` of the day prescribes, if any (nil after a later keep/approve).
    public func overrideWorkout(athlete: PersonID, day: Day) throws -> WorkoutSpec? {
        guard let action = try latestCoachAction(athlete: athlete, day: day), action.kind == .override else { return nil }
        return action.workout
    }

    /// Keeps a coach note on the athlete's record.
    @discardableResult
    public func addNote(athlete: PersonID, coach: PersonID, at: Double, text: String) throws -> Int64 {
        try execute(sql: "INSERT INTO coach_notes (athlete_id, coach_id, at, text) VALUES (?, ?, ?, ?)",
                    arguments: [athlete, coach, at, text])
        return lastInsertedRowID
    }

    /// The newest notes on an athlete, newest first.
    public func notes(athlete: PersonID, limit: Int = 20) throws -> [CoachNote] {
        try Row.fetchAll(cachedStatement(sql: """
            SELECT athlete_id, coach_id, at, text FROM coach_notes WHERE athlete_id = ? ORDER BY at DESC, id DESC LIMIT ?
            """), arguments: [athlete, limit]).map { CoachNote(athleteID: $0[0], coachID: $0[1], at: $0[2], text: $0[3]) }
    }

    /// Records an alert sent to the coaches. Returns its id.
    @discardableResult
    public func recordAlert(athlete: PersonID, day: Day, at: Double, kind: String, reasons: [String]) throws -> Int64 {
        try cachedStatement(sql: "INSERT INTO alerts (athlete_id, day, at, kind, reasons_json) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [athlete, day.ordinal, at, kind, JSONCoding.encodeStrings(reasons)])
        return lastInsertedRowID
    }

    /// Marks the athlete's open alerts of `day` answered (an override, approve or keep answers
    /// them). Returns how many were open.
    @discardableResult
    public func answerAlerts(athlete: PersonID, day: Day, by coach: PersonID, at: Double) throws -> Int {
        try cachedStatement(sql: """
            UPDATE alerts SET answered_by = ?, answered_at = ? WHERE athlete_id = ? AND day = ? AND answered_at IS NULL
            """).execute(arguments: [coach, at, athlete, day.ordinal])
        return changesCount
    }

    /// Alerts of a day nobody has answered yet.
    public func openAlerts(day: Day) throws -> [Alert] {
        try Row.fetchAll(cachedStatement(sql: """
            SELECT id, athlete_id, day, at, kind, reasons_json, answered_by, answered_at FROM alerts
            WHERE day = ? AND answered_at IS NULL ORDER BY at, id
            """), arguments: [day.ordinal]).map(Alert.init(row:))
    }

    /// All alerts of an athlete's day, answered or not.
    public func alerts(athlete: PersonID, day: Day) throws -> [Alert] {
        try Row.fetchAll(cachedStatement(sql: """
            SELECT id, athlete_id, day, at, kind, reasons_json, answered_by, answered_at FROM alerts
            WHERE athlete_id = ? AND day = ? ORDER BY at, id
            """), arguments: [athlete, day.ordinal]).map(Alert.init(row:))
    }
}

extension Alert {
    init(row: Row) {
        self.init(id: row[0], athleteID: row[1], day: Day(ordinal: row[2]), at: row[3], kind: row[4],
                  reasons: JSONCoding.decode([String].self, row[5]) ?? [], answeredBy: row[6], answeredAt: row[7])
    }
}

extension Database {
    /// The latest coach action of the day (override, approve or keep) with the workout it set,
    /// so "today" shows what the coach decided rather than the bot's modification.
    public func latestCoachAction(athlete: PersonID, day: Day) throws -> (kind: OverrideKind, workout: WorkoutSpec?, decision: Decision?)? {
        guard let row = try Row.fetchOne(cachedStatement(sql: """
            SELECT kind, workout_json, decision FROM coach_overrides WHERE athlete_id = ? AND day = ? ORDER BY at DESC, id DESC LIMIT 1
            """), arguments: [athlete, day.ordinal]),
            let kind = OverrideKind(rawValue: row[0])
        else { return nil }
        return (kind, JSONCoding.decode(WorkoutSpec.self, row[1]), (row[2] as String?).flatMap(Decision.init(rawValue:)))
    }
}
