import GRDB

/// Schema v3 (training engine): lactate step tests with their stages and who entered them, and
/// the exercise library (rows seeded from `Intents/exercises.toml`, keyed by the file's `key`).
/// LT1/LT2 are stored for listing; the full analysis is recomputed from the stages (pure, fast),
/// so a better formula later re-reads every old test the new way.
enum SchemaV3 {
    @Sendable static func migrate(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE lactate_tests (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            sport TEXT NOT NULL CHECK (sport IN ('run','bike')),
            rest_lactate REAL,
            rest_hr REAL,
            entered_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            entered_at REAL NOT NULL,
            lt1 REAL NOT NULL,
            lt2 REAL NOT NULL,
            warnings TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX lactate_tests_athlete ON lactate_tests(athlete_id, day);
        CREATE TABLE lactate_stages (
            test_id INTEGER NOT NULL REFERENCES lactate_tests(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            intensity REAL NOT NULL,
            lactate REAL NOT NULL,
            hr REAL,
            PRIMARY KEY (test_id, n)
        );
        CREATE TABLE athlete_profile (
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (athlete_id, key)
        );
        CREATE TABLE exercises (
            key TEXT PRIMARY KEY,
            name_en TEXT NOT NULL,
            name_sv TEXT NOT NULL,
            category TEXT NOT NULL CHECK (category IN ('strength','plyometric','core','mobility','drill')),
            difficulty TEXT NOT NULL CHECK (difficulty IN ('beginner','intermediate','advanced')),
            cue_en TEXT NOT NULL,
            cue_sv TEXT NOT NULL
        );
        """)
    }
}
