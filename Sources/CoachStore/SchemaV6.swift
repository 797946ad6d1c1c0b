import GRDB

/// Schema v6 (programs, issue 10): the athletes' races and their programs. A program row keeps
/// the request (distance, race day, method, peak) so the plan can be regenerated and `confirm`
/// writes exactly what the last preview showed; the plan rows themselves go to
/// `planned_workouts`. Status: `preview` (shown, nothing planned), `active`, `paused` (injury,
/// spec §6), `cancelled`, `replaced` (a newer preview or program took its place). Plan rows
/// gain a slot (AM/PM) for the Norwegian double-threshold days.
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
        -- Plan rows gain a slot ('' whole day, 'AM'/'PM' for a double day): the table is rebuilt
        -- because SQLite cannot change a primary key in place.
        CREATE TABLE planned_workouts_v6 (
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            slot TEXT NOT NULL DEFAULT '' CHECK (slot IN ('','AM','PM')),
            type TEXT NOT NULL,
            minutes INTEGER,
            km REAL,
            description TEXT,
            target TEXT,
            source TEXT NOT NULL CHECK (source IN ('command','import','seed')),
            PRIMARY KEY (athlete_id, day, slot)
        );
        INSERT INTO planned_workouts_v6 (athlete_id, day, slot, type, minutes, km, description, target, source)
            SELECT athlete_id, day, '', type, minutes, km, description, target, source FROM planned_workouts;
        DROP TABLE planned_workouts;
        ALTER TABLE planned_workouts_v6 RENAME TO planned_workouts;
        """)
    }
}
