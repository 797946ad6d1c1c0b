import CoachCore
import GRDB

/// History loading for the readiness rules, and the coach's day views.
///
/// `history` is on the hot path of every check-in: it runs one cached statement per table
/// (checkins, pain, illness, sessions, assessments, overrides), each an index range scan on
/// (athlete_id, day). `histories` runs the same six statements for many athletes at once,
/// passing the ids as one JSON array (`json_each`), so the statement text never changes.
extension Database {
    /// The days of `athlete` with `from <= day <= to` that have any data, oldest first.
    /// `decision` is the day's effective decision: the latest coach override, else the assessment.
    public func history(athlete: PersonID, from: Day, to: Day) throws -> [DailyRecord] {
        var loader = HistoryLoader(filter: "athlete_id = ?1")
        try loader.load(self, ids: athlete.databaseValue, from: from, to: to)
        return loader.records(of: athlete)
    }

    /// `history` for many athletes in one query per table; athletes without data map to `[]`.
    public func histories(athletes: [PersonID], from: Day, to: Day) throws -> [PersonID: [DailyRecord]] {
        var loader = HistoryLoader(filter: "athlete_id IN (SELECT value FROM json_each(?1))")
        let json = "[" + athletes.map(String.init).joined(separator: ",") + "]"
        try loader.load(self, ids: json.databaseValue, from: from, to: to)
        var result: [PersonID: [DailyRecord]] = [:]
        for id in athletes { result[id] = loader.records(of: id) }
        return result
    }

    /// Athletes with no accepted check-in on `day`, by handle (one query).
    public func missingCheckins(day: Day) throws -> [Person] {
        try Row.fetchAll(cachedStatement(sql: """
            SELECT p.id, p.handle, p.display_name, p.role, p.created_at FROM people p
            WHERE p.role = 'athlete' AND p.active = 1 AND NOT EXISTS (
                SELECT 1 FROM checkins c WHERE c.athlete_id = p.id AND c.day = ?1 AND c.rejected_reason IS NULL)
            ORDER BY p.handle
            """), arguments: [day.ordinal]).compactMap(Person.init(row:))
    }

    /// The coach's `team` view of `day`: one row per athlete, by handle (one query).
    public func teamView(day: Day) throws -> [TeamRow] {
        let rows = try Row.fetchAll(cachedStatement(sql: """
            SELECT p.id, p.handle, p.display_name, p.role, p.created_at,
                c.id IS NOT NULL AND c.rejected_reason IS NULL, a.score, a.band,
                COALESCE((SELECT o.decision FROM coach_overrides o WHERE o.athlete_id = p.id AND o.day = ?1
                          ORDER BY o.at DESC, o.id DESC LIMIT 1), a.decision)
            FROM people p
            LEFT JOIN checkins c ON c.athlete_id = p.id AND c.day = ?1
            LEFT JOIN assessments a ON a.athlete_id = p.id AND a.day = ?1
            WHERE p.role = 'athlete' AND p.active = 1 ORDER BY p.handle
            """), arguments: [day.ordinal])
        return rows.compactMap { row in
            guard let person = Person(row: row) else { return nil }
            return TeamRow(athlete: person, checkedIn: row[5], score: row[6],
                           band: (row[7] as String?).flatMap(Band.init(rawValue:)),
                           decision: (row[8] as String?).flatMap(Decision.init(rawValue:)))
        }
    }
}

extension CoachStore {
    /// `Database.history` in its own read transaction.
    public func history(athlete: PersonID, from: Day, to: Day) throws -> [DailyRecord] {
        try read { try $0.history(athlete: athlete, from: from, to: to) }
    }

    /// `Database.histories` in its own read transaction.
    public func histories(athletes: [PersonID], from: Day, to: Day) throws -> [PersonID: [DailyRecord]] {
        try read { try $0.histories(athletes: athletes, from: from, to: to) }
    }
}

/// Accumulates the per-table rows into DailyRecords keyed by athlete and day.
struct HistoryLoader {
    let filter: String
    var byAthlete: [PersonID: [Int: DailyRecord]] = [:]
    var overrideDecision: [PersonID: [Int: Decision?]] = [:]

    init(filter: String) { self.filter = filter }

    private mutating func update(_ athlete: PersonID, _ day: Int, _ change: (inout DailyRecord) -> Void) {
        change(&byAthlete[athlete, default: [:]][day, default: DailyRecord(day: Day(ordinal: day))])
    }

    mutating func load(_ db: Database, ids: DatabaseValue, from: Day, to: Day) throws {
        let args: StatementArguments = [ids, from.ordinal, to.ordinal]
        let range = "\(filter) AND day BETWEEN ?2 AND ?3"
        let checkins = try db.cachedStatement(sql: """
            SELECT athlete_id, day, hrv_ms, rhr_bpm, sleep_hours, sleep_quality, fatigue, stress, mood, motivation,
                temperature_c, soreness_json FROM checkins WHERE \(range) AND rejected_reason IS NULL
            """)
        let rows = try Row.fetchCursor(checkins, arguments: args)
        while let row = try rows.next() {
            func score(_ i: Int) -> Score? { (row[i] as Double?).map { Score(value: $0, outOf: 5) } }
            let metrics = Metrics(hrvMs: row[2], rhrBpm: row[3], sleepHours: row[4], sleepQuality: score(5),
                                  fatigue: score(6), stress: score(7), mood: score(8), motivation: score(9),
                                  temperatureC: row[10])
            let soreness = JSONCoding.decodeSoreness(row[11])
            update(row[0], row[1]) { $0.metrics = metrics; $0.soreness = soreness }
        }
        let pain = try db.cachedStatement(sql: """
            SELECT athlete_id, day, location, side, score, gait_affected, red_flags FROM pain_reports
            WHERE \(range) ORDER BY athlete_id, day, id
            """)
        let painRows = try Row.fetchCursor(pain, arguments: args)
        while let row = try painRows.next() {
            guard let location = BodyLocation(rawValue: row[2]) else { continue }
            let flags = (row[6] as String? ?? "").split(separator: ",").compactMap { PainRedFlag(rawValue: String($0)) }
            let p = Pain(location: location, side: (row[3] as String?).flatMap(Side.init(rawValue:)), score: row[4],
                         gaitAffected: row[5], redFlags: flags)
            update(row[0], row[1]) { $0.pain.append(p) }
        }
        let illness = try db.cachedStatement(sql: """
            SELECT athlete_id, day, code FROM illness_reports WHERE \(range) ORDER BY athlete_id, day, id
            """)
        let illnessRows = try Row.fetchCursor(illness, arguments: args)
        while let row = try illnessRows.next() {
            guard let code = Illness(rawValue: row[2]) else { continue }
            update(row[0], row[1]) { $0.illness.append(code) }
        }
        let sessions = try db.cachedStatement(sql: """
            SELECT athlete_id, day, minutes, km, rpe, is_run FROM sessions WHERE \(range) ORDER BY athlete_id, day, logged_at, id
            """)
        let sessionRows = try Row.fetchCursor(sessions, arguments: args)
        while let row = try sessionRows.next() {
            let s = LoggedSession(minutes: row[2], km: row[3], rpe: row[4], isRun: row[5])
            update(row[0], row[1]) { $0.sessions.append(s) }
        }
        let assessments = try db.cachedStatement(sql: "SELECT athlete_id, day, decision FROM assessments WHERE \(range)")
        let assessmentRows = try Row.fetchCursor(assessments, arguments: args)
        while let row = try assessmentRows.next() {
            let decision = Decision(rawValue: row[2])
            update(row[0], row[1]) { $0.decision = decision }
        }
        let overrides = try db.cachedStatement(sql: """
            SELECT athlete_id, day, decision FROM coach_overrides WHERE \(range) ORDER BY athlete_id, day, at, id
            """)
        let overrideRows = try Row.fetchCursor(overrides, arguments: args)
        while let row = try overrideRows.next() {
            let decision = (row[2] as String?).flatMap(Decision.init(rawValue:))
            overrideDecision[row[0], default: [:]][row[1]] = .some(decision)
        }
    }

    func records(of athlete: PersonID) -> [DailyRecord] {
        var days = byAthlete[athlete] ?? [:]
        for (day, decision) in overrideDecision[athlete] ?? [:] {
            guard let decision else { continue }  // approve: the assessment stands
            days[day, default: DailyRecord(day: Day(ordinal: day))].decision = decision
        }
        return days.values.sorted { $0.day < $1.day }
    }
}
