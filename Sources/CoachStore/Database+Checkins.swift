import CoachCore
import GRDB

/// Check-ins and logged sessions.
extension Database {
    /// Saves an accepted check-in: the facts of `record` (metrics, soreness, pain, illness; its
    /// `day` is the check-in day) with the raw text and the parser's JSON. A second check-in the
    /// same day replaces the first and increments its revision.
    @discardableResult
    public func saveCheckin(
        athlete: PersonID, record: DailyRecord, receivedAt: Double, messageID: String?, rawText: String,
        parsedJSON: String, parserVersion: String
    ) throws -> CheckinSaveResult {
        let m = record.metrics
        let args: StatementArguments = [
            athlete, record.day.ordinal, receivedAt, messageID, rawText, parsedJSON, parserVersion,
            m.hrvMs, m.rhrBpm, m.sleepHours, m.sleepQuality?.onFivePointScale, m.fatigue?.onFivePointScale,
            m.stress?.onFivePointScale, m.mood?.onFivePointScale, m.motivation?.onFivePointScale, m.temperatureC,
            JSONCoding.encodeSoreness(record.soreness),
        ]
        guard let row = try Row.fetchOne(cachedStatement(sql: """
            INSERT INTO checkins (athlete_id, day, received_at, message_id, raw_text, parsed_json, parser_version,
                hrv_ms, rhr_bpm, sleep_hours, sleep_quality, fatigue, stress, mood, motivation, temperature_c, soreness_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(athlete_id, day) DO UPDATE SET received_at = excluded.received_at,
                message_id = excluded.message_id, raw_text = excluded.raw_text, parsed_json = excluded.parsed_json,
                parser_version = excluded.parser_version, rejected_reason = NULL, revision = revision + 1,
                hrv_ms = excluded.hrv_ms, rhr_bpm = excluded.rhr_bpm, sleep_hours = excluded.sleep_hours,
                sleep_quality = excluded.sleep_quality, fatigue = excluded.fatigue, stress = excluded.stress,
                mood = excluded.mood, motivation = excluded.motivation, temperature_c = excluded.temperature_c,
                soreness_json = excluded.soreness_json
            RETURNING id, revision
            """), arguments: args)
        else { throw StoreError.notFound("check-in of athlete \(athlete) on \(record.day) was not saved") }
        let id: Int64 = row[0]
        let revision: Int = row[1]
        if revision > 1 {
            try cachedStatement(sql: "DELETE FROM pain_reports WHERE checkin_id = ?").execute(arguments: [id])
            try cachedStatement(sql: "DELETE FROM illness_reports WHERE checkin_id = ?").execute(arguments: [id])
        }
        try insertReports(checkin: id, athlete: athlete, day: record.day, pain: record.pain, illness: record.illness)
        return CheckinSaveResult(id: id, isUpdate: revision > 1, revision: revision)
    }

    func insertReports(checkin id: Int64, athlete: PersonID, day: Day, pain: [Pain], illness: [Illness]) throws {
        if !pain.isEmpty {
            let stmt = try cachedStatement(sql: """
                INSERT INTO pain_reports (checkin_id, athlete_id, day, location, side, score, gait_affected, red_flags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for p in pain {
                try stmt.execute(arguments: [id, athlete, day.ordinal, p.location.rawValue, p.side?.rawValue, p.score,
                                             p.gaitAffected, p.redFlags.map(\.rawValue).joined(separator: ",")])
            }
        }
        if !illness.isEmpty {
            let stmt = try cachedStatement(sql: "INSERT INTO illness_reports (checkin_id, athlete_id, day, code) VALUES (?, ?, ?, ?)")
            for code in illness { try stmt.execute(arguments: [id, athlete, day.ordinal, code.rawValue]) }
        }
    }

    /// Keeps a check-in that failed validation (raw text + why) so the coach can see it.
    /// It never replaces an accepted check-in of the same day: then the accepted one's id is
    /// returned unchanged with `isUpdate == false`.
    @discardableResult
    public func saveRejectedCheckin(
        athlete: PersonID, day: Day, receivedAt: Double, messageID: String?, rawText: String, reason: String,
        parserVersion: String
    ) throws -> CheckinSaveResult {
        let row = try Row.fetchOne(cachedStatement(sql: """
            INSERT INTO checkins (athlete_id, day, received_at, message_id, raw_text, parser_version, rejected_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(athlete_id, day) DO UPDATE SET received_at = excluded.received_at,
                message_id = excluded.message_id, raw_text = excluded.raw_text, parser_version = excluded.parser_version,
                rejected_reason = excluded.rejected_reason, revision = revision + 1
            WHERE checkins.rejected_reason IS NOT NULL
            RETURNING id, revision
            """), arguments: [athlete, day.ordinal, receivedAt, messageID, rawText, parserVersion, reason])
        if let row {
            let revision: Int = row[1]
            return CheckinSaveResult(id: row[0], isUpdate: revision > 1, revision: revision)
        }
        guard let kept = try Row.fetchOne(cachedStatement(sql: "SELECT id, revision FROM checkins WHERE athlete_id = ? AND day = ?"),
                                          arguments: [athlete, day.ordinal])
        else { throw StoreError.notFound("check-in of athlete \(athlete) on \(day) was not saved") }
        return CheckinSaveResult(id: kept[0], isUpdate: false, revision: kept[1])
    }

    /// Undo: deletes the athlete's check-in of `day` with its pain/illness reports and the
    /// assessment made from it. Returns false when there was none.
    @discardableResult
    public func deleteCheckin(athlete: PersonID, day: Day) throws -> Bool {
        try cachedStatement(sql: "DELETE FROM checkins WHERE athlete_id = ? AND day = ?").execute(arguments: [athlete, day.ordinal])
        return changesCount > 0
    }

    /// Logs a session (`done 10k easy 52min rpe 4`). Returns its id.
    @discardableResult
    public func logSession(athlete: PersonID, day: Day, session: LoggedSession, rawText: String?, at: Double) throws -> Int64 {
        try cachedStatement(sql: """
            INSERT INTO sessions (athlete_id, day, logged_at, minutes, km, rpe, is_run, raw_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [athlete, day.ordinal, at, session.minutes, session.km, session.rpe, session.isRun, rawText])
        return lastInsertedRowID
    }

    /// Undo: deletes the most recently logged session of `day`; returns it, or nil if none.
    @discardableResult
    public func deleteLastSession(athlete: PersonID, day: Day) throws -> LoggedSession? {
        guard let row = try Row.fetchOne(cachedStatement(sql: """
            SELECT id, minutes, km, rpe, is_run FROM sessions WHERE athlete_id = ? AND day = ?
            ORDER BY logged_at DESC, id DESC LIMIT 1
            """), arguments: [athlete, day.ordinal]) else { return nil }
        try cachedStatement(sql: "DELETE FROM sessions WHERE id = ?").execute(arguments: [row[0] as Int64])
        return LoggedSession(minutes: row[1], km: row[2], rpe: row[3], isRun: row[4])
    }
}

extension Database {
    /// What the athlete entered last on `day`, for `undo`: the check-in or a logged session.
    public func latestEntry(athlete: PersonID, day: Day) throws -> LatestEntry? {
        let checkin = try Double.fetchOne(cachedStatement(sql: "SELECT received_at FROM checkins WHERE athlete_id = ? AND day = ?"),
                                          arguments: [athlete, day.ordinal])
        let session = try Double.fetchOne(cachedStatement(sql: "SELECT MAX(logged_at) FROM sessions WHERE athlete_id = ? AND day = ?"),
                                          arguments: [athlete, day.ordinal])
        switch (checkin, session) {
        case (nil, nil): return nil
        case (let c?, let s?): return s >= c ? .session : .checkin
        case (_?, nil): return .checkin
        case (nil, _?): return .session
        }
    }
}

/// The kinds of entry `undo` can take back.
public enum LatestEntry: Sendable {
    case checkin, session
}
