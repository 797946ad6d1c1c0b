import GRDB

/// Schema v1. Days are `Day.ordinal` integers; times are unix seconds (REAL).
/// Every hot-path query reads by (athlete_id, day), so each per-day table has that index.
enum SchemaV1 {
    @Sendable static func migrate(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            handle TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('athlete','coach','admin')),
            created_at REAL NOT NULL
        );
        CREATE TABLE identities (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            network TEXT NOT NULL,
            address TEXT NOT NULL,
            UNIQUE (network, address)
        );
        CREATE INDEX identities_person ON identities(person_id);
        CREATE TABLE rooms (
            id INTEGER PRIMARY KEY,
            network TEXT NOT NULL,
            room_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('athlete_direct','coach_direct','coaches')),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            UNIQUE (network, room_id)
        );
        CREATE INDEX rooms_person ON rooms(person_id);
        CREATE TABLE team_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        -- The effective check-in of an athlete's day; a second one replaces it (revision + 1).
        -- parsed_json is NULL and rejected_reason set when the message failed validation.
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            received_at REAL NOT NULL,
            message_id TEXT,
            raw_text TEXT NOT NULL,
            parsed_json TEXT,
            parser_version TEXT,
            rejected_reason TEXT,
            revision INTEGER NOT NULL DEFAULT 1,
            hrv_ms REAL, rhr_bpm REAL, sleep_hours REAL,
            sleep_quality REAL, fatigue REAL, stress REAL, mood REAL, motivation REAL, -- 1...5
            temperature_c REAL,
            soreness_json TEXT,
            UNIQUE (athlete_id, day)
        );
        CREATE INDEX checkins_day ON checkins(day);
        CREATE TABLE pain_reports (
            id INTEGER PRIMARY KEY,
            checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            location TEXT NOT NULL,
            side TEXT,
            score REAL,
            gait_affected INTEGER NOT NULL DEFAULT 0,
            red_flags TEXT NOT NULL DEFAULT ''  -- comma-separated PainRedFlag codes
        );
        CREATE INDEX pain_athlete_day ON pain_reports(athlete_id, day);
        CREATE INDEX pain_checkin ON pain_reports(checkin_id);
        CREATE TABLE illness_reports (
            id INTEGER PRIMARY KEY,
            checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            code TEXT NOT NULL
        );
        CREATE INDEX illness_athlete_day ON illness_reports(athlete_id, day);
        CREATE INDEX illness_checkin ON illness_reports(checkin_id);

        CREATE TABLE planned_workouts (
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            type TEXT NOT NULL,
            minutes INTEGER,
            km REAL,
            description TEXT,
            target TEXT,
            source TEXT NOT NULL CHECK (source IN ('command','import','seed')),
            PRIMARY KEY (athlete_id, day)
        );
        -- The engine's verdict; workout_json is the modified workout next to the untouched plan.
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            checkin_id INTEGER REFERENCES checkins(id) ON DELETE CASCADE,
            score INTEGER NOT NULL,
            band TEXT NOT NULL,
            decision TEXT NOT NULL,
            reasons_json TEXT NOT NULL,
            workout_json TEXT,
            rule_version TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (athlete_id, day)
        );
        CREATE INDEX assessments_day ON assessments(day);
        CREATE INDEX assessments_checkin ON assessments(checkin_id);
        -- decision: what the override settles on (NULL for approve: the assessment stands).
        CREATE TABLE coach_overrides (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            coach_id INTEGER NOT NULL REFERENCES people(id),
            at REAL NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('override','approve','keep')),
            decision TEXT,
            workout_json TEXT
        );
        CREATE INDEX overrides_athlete_day ON coach_overrides(athlete_id, day, at);
        CREATE INDEX overrides_coach ON coach_overrides(coach_id);
        CREATE TABLE coach_notes (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            coach_id INTEGER NOT NULL REFERENCES people(id),
            at REAL NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX notes_athlete ON coach_notes(athlete_id, at);
        CREATE INDEX notes_coach ON coach_notes(coach_id);
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            logged_at REAL NOT NULL,
            minutes REAL,
            km REAL,
            rpe REAL,
            is_run INTEGER NOT NULL DEFAULT 1,
            raw_text TEXT
        );
        CREATE INDEX sessions_athlete_day ON sessions(athlete_id, day);
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            athlete_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            at REAL NOT NULL,
            kind TEXT NOT NULL,
            reasons_json TEXT NOT NULL,
            answered_by INTEGER REFERENCES people(id),
            answered_at REAL
        );
        CREATE INDEX alerts_athlete_day ON alerts(athlete_id, day);
        CREATE INDEX alerts_open ON alerts(day) WHERE answered_at IS NULL;
        CREATE INDEX alerts_answered_by ON alerts(answered_by);

        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE processed_events (event_id TEXT PRIMARY KEY, processed_at REAL NOT NULL);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            txn_id TEXT NOT NULL UNIQUE,
            room_id TEXT NOT NULL,
            body TEXT NOT NULL,
            html TEXT,
            reply_to TEXT,
            created_at REAL NOT NULL,
            sent_at REAL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );
        CREATE INDEX outbox_pending ON outbox(id) WHERE sent_at IS NULL;
        """)
    }
}
