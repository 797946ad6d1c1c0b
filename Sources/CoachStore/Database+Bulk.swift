import CoachCore
import GRDB

/// Fast loading of synthetic data (benchmarks, load tests). Run inside one `write`.
extension Database {
    /// Inserts `count` athletes named `PREFIX0`, `PREFIX1`, … and returns their ids in order.
    public func insertSyntheticAthletes(count: Int, handlePrefix: String = "athlete", at: Double) throws -> [PersonID] {
        let stmt = try cachedStatement(sql: "INSERT INTO people (handle, display_name, role, created_at) VALUES (?, ?, 'athlete', ?)")
        var ids: [PersonID] = []
        ids.reserveCapacity(count)
        for i in 0..<count {
            try stmt.execute(arguments: ["\(handlePrefix)\(i)", "Athlete \(i)", at])
            ids.append(lastInsertedRowID)
        }
        return ids
    }

    /// Inserts the same `records` (check-in facts, pain, illness, sessions, decision as an
    /// assessment) for every athlete in `athleteIDs`, with cached statements. Existing rows
    /// for those days are not expected (UNIQUE(athlete_id, day) would throw).
    public func bulkInsertHistory(athleteIDs: [PersonID], records: [DailyRecord]) throws {
        for id in athleteIDs { try bulkInsertHistory(athlete: id, records: records) }
    }

    /// Inserts `records` for one athlete with cached statements.
    public func bulkInsertHistory(athlete: PersonID, records: [DailyRecord]) throws {
        let checkin = try cachedStatement(sql: """
            INSERT INTO checkins (athlete_id, day, received_at, raw_text, parsed_json, parser_version,
                hrv_ms, rhr_bpm, sleep_hours, sleep_quality, fatigue, stress, mood, motivation, temperature_c, soreness_json)
            VALUES (?, ?, ?, '', '{"intent":"checkin"}', 'synthetic', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let session = try cachedStatement(sql: """
            INSERT INTO sessions (athlete_id, day, logged_at, minutes, km, rpe, is_run) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let assessment = try cachedStatement(sql: """
            INSERT INTO assessments (athlete_id, day, score, band, decision, reasons_json, rule_version, created_at)
            VALUES (?, ?, 0, 'green', ?, '[]', 'synthetic', ?)
            """)
        for r in records {
            let at = Double(r.day.ordinal) * 86_400 + 23_400
            if r.hasCheckinFacts {
                let m = r.metrics
                try checkin.execute(arguments: [
                    athlete, r.day.ordinal, at, m.hrvMs, m.rhrBpm, m.sleepHours, m.sleepQuality?.onFivePointScale,
                    m.fatigue?.onFivePointScale, m.stress?.onFivePointScale, m.mood?.onFivePointScale,
                    m.motivation?.onFivePointScale, m.temperatureC, JSONCoding.encodeSoreness(r.soreness),
                ])
                if !r.pain.isEmpty || !r.illness.isEmpty {
                    try insertReports(checkin: lastInsertedRowID, athlete: athlete, day: r.day, pain: r.pain, illness: r.illness)
                }
            }
            for (i, s) in r.sessions.enumerated() {
                try session.execute(arguments: [athlete, r.day.ordinal, at + 36_000 + Double(i), s.minutes, s.km, s.rpe, s.isRun])
            }
            if let decision = r.decision {
                try assessment.execute(arguments: [athlete, r.day.ordinal, decision.rawValue, at])
            }
        }
    }
}
