import CoachCore
import GRDB
import TrainingEngine

/// A stored lactate test: the test as entered, its day, who entered it, and the LT1/LT2 it gave.
public struct StoredLactateTest: Sendable, Equatable {
    public var id: Int64
    public var athleteID: PersonID
    public var day: Day
    public var test: LactateTest
    public var enteredBy: PersonID?
    public var enteredAt: Double
    public var lt1: Double
    public var lt2: Double
    public var warnings: [LactateWarning]
}

extension Database {
    /// Stores a validated test with its stages. Returns the new test's id.
    @discardableResult
    public func addLactateTest(athlete: PersonID, day: Day, test: LactateTest, analysis: LactateAnalysis,
                               enteredBy: PersonID, at time: Double) throws -> Int64 {
        try cachedStatement(sql: """
            INSERT INTO lactate_tests (athlete_id, day, sport, rest_lactate, rest_hr, entered_by, entered_at, lt1, lt2, warnings)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [athlete, day.ordinal, test.sport.rawValue, test.rest?.lactate, test.rest?.hr, enteredBy, time,
                             analysis.lt1.intensity, analysis.lt2.intensity, analysis.warnings.map(\.rawValue).joined(separator: ",")])
        let id = lastInsertedRowID
        for (n, stage) in test.stages.enumerated() {
            try cachedStatement(sql: "INSERT INTO lactate_stages (test_id, n, intensity, lactate, hr) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [id, n + 1, stage.intensity, stage.lactate, stage.hr])
        }
        return id
    }

    /// An athlete's tests, oldest first (by day, then by entry time).
    public func lactateTests(athlete: PersonID) throws -> [StoredLactateTest] {
        let rows = try Row.fetchAll(cachedStatement(sql: """
            SELECT id, day, sport, rest_lactate, rest_hr, entered_by, entered_at, lt1, lt2, warnings
            FROM lactate_tests WHERE athlete_id = ? ORDER BY day, entered_at, id
            """), arguments: [athlete])
        return try rows.compactMap { row in
            guard let sport = TestSport(rawValue: row[2]) else { return nil }
            let id: Int64 = row[0]
            let stages = try Row.fetchAll(cachedStatement(sql: "SELECT intensity, lactate, hr FROM lactate_stages WHERE test_id = ? ORDER BY n"),
                                          arguments: [id]).map { LactateStage(intensity: $0[0], lactate: $0[1], hr: $0[2]) }
            let restLactate: Double? = row[3]
            let warnings = (row[9] as String).split(separator: ",").compactMap { LactateWarning(rawValue: String($0)) }
            return StoredLactateTest(
                id: id, athleteID: athlete, day: Day(ordinal: row[1]),
                test: LactateTest(sport: sport, rest: restLactate.map { RestSample(lactate: $0, hr: row[4]) }, stages: stages),
                enteredBy: row[5], enteredAt: row[6], lt1: row[7], lt2: row[8], warnings: warnings)
        }
    }

    /// The athlete's latest test on or before `day`, nil when there is none.
    public func latestLactateTest(athlete: PersonID, onOrBefore day: Day) throws -> StoredLactateTest? {
        try lactateTests(athlete: athlete).last { $0.day <= day }
    }
}

/// What a seeding changed.
public struct SeedCount: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0

    public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.added = added; self.updated = updated; self.unchanged = unchanged
    }
}

extension Database {
    /// Inserts new exercises and updates edited ones, by key; identical rows are left alone, so
    /// seeding twice changes nothing. Rows no longer in the file stay (a program may name them).
    @discardableResult
    public func seedExercises(_ list: [Exercise]) throws -> SeedCount {
        var count = SeedCount()
        let existing = Dictionary(uniqueKeysWithValues: try exercises().map { ($0.key, $0) })
        for e in list {
            if let old = existing[e.key] {
                if old == e { count.unchanged += 1; continue }
                count.updated += 1
            } else {
                count.added += 1
            }
            try cachedStatement(sql: """
                INSERT INTO exercises (key, name_en, name_sv, category, difficulty, cue_en, cue_sv) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET name_en = excluded.name_en, name_sv = excluded.name_sv, category = excluded.category,
                    difficulty = excluded.difficulty, cue_en = excluded.cue_en, cue_sv = excluded.cue_sv
                """).execute(arguments: [e.key, e.nameEN, e.nameSV, e.category.rawValue, e.difficulty.rawValue, e.cueEN, e.cueSV])
        }
        return count
    }

    /// The library, by category then English name; one category when given.
    public func exercises(category: ExerciseCategory? = nil) throws -> [Exercise] {
        let rows = try Row.fetchAll(cachedStatement(sql: """
            SELECT key, name_en, name_sv, category, difficulty, cue_en, cue_sv FROM exercises
            WHERE ? IS NULL OR category = ? ORDER BY category, name_en
            """), arguments: [category?.rawValue, category?.rawValue])
        return rows.compactMap { r in
            guard let c = ExerciseCategory(rawValue: r[3]), let d = ExerciseDifficulty(rawValue: r[4]) else { return nil }
            return Exercise(key: r[0], nameEN: r[1], nameSV: r[2], category: c, difficulty: d, cueEN: r[5], cueSV: r[6])
        }
    }
}

extension Database {
    /// Sets one profile fact (`years_running` = `4`, `lactate_meter` = `yes`); used by the
    /// `profile` command and the transcripts' `@profile`.
    public func setProfileFact(athlete: PersonID, key: String, value: String) throws {
        try cachedStatement(sql: """
            INSERT INTO athlete_profile (athlete_id, key, value) VALUES (?, ?, ?)
            ON CONFLICT(athlete_id, key) DO UPDATE SET value = excluded.value
            """).execute(arguments: [athlete, key.lowercased(), value])
    }

    /// The athlete's profile facts by key.
    public func profile(athlete: PersonID) throws -> [String: String] {
        let rows = try Row.fetchAll(cachedStatement(sql: "SELECT key, value FROM athlete_profile WHERE athlete_id = ?"), arguments: [athlete])
        return Dictionary(rows.map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { $1 })
    }
}
