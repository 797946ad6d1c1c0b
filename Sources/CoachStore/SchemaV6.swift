import GRDB

/// Schema v6 (programs, issue 10): the athletes' races and their programs. A program row keeps
/// the request (distance, race day, method, peak) so the plan can be regenerated and `confirm`
/// writes exactly what the last preview showed; the plan rows themselves go to
/// `planned_workouts`. Status: `preview` (shown, nothing planned), `active`, `paused` (injury,
/// spec §6), `cancelled`, `replaced` (a newer preview or program took its place).
enum SchemaV6 {
    @Sendable static func migrate(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE races (
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            distance TEXT NOT NULL,
            priority TEXT NOT NULL CHECK (priority IN ('A','B','C')),
            PRIMARY KEY (athlete_id, day, distance)
        );
        CREATE TABLE programs (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            distance TEXT NOT NULL,
            race_day INTEGER NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('polarized','pyramidal','norwegian','canova')),
            peak_km REAL,
            current_km REAL NOT NULL,
            made_on INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('preview','active','paused','cancelled','replaced')),
            paused_on INTEGER
        );
        CREATE INDEX programs_athlete ON programs(athlete_id, status);
        """)
    }
}
