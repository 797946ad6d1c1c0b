import GRDB

/// Schema v5 (operations): the audit table, and the roster's coach assignment and deactivation.
///
/// - `audit` is append-only (triggers refuse UPDATE and DELETE) and hash-chained: each row stores
///   `prev_hash` (the previous row's `hash`) and its own `hash` over `prev_hash` and its fields, so
///   `coachbot audit verify` names the first changed, deleted or inserted row. `AUTOINCREMENT`
///   keeps ids from being reused, so a gap always means a deleted row. It holds who, what, which
///   athlete, where: never health values or message text.
/// - `people.coach_id`: the coach of an athlete (`coach = "bob"`); NULL means any coach.
/// - `people.active`: 0 after `remove alice` (no more answers or alerts; data kept).
/// - `message_rates`: each sender's messages in the current one-minute window (abuse limit).
enum SchemaV5 {
    @Sendable static func migrate(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            actor_role TEXT NOT NULL,
            action TEXT NOT NULL,
            athlete TEXT,
            network TEXT,
            room TEXT,
            detail TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_athlete ON audit(athlete, at);
        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;
        CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;

        CREATE TABLE message_rates (
            network TEXT NOT NULL,
            address TEXT NOT NULL,
            window_start REAL NOT NULL,
            count INTEGER NOT NULL,
            warned INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (network, address)
        );

        ALTER TABLE people ADD COLUMN coach_id INTEGER REFERENCES people(id) ON DELETE SET NULL;
        ALTER TABLE people ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
        """)
    }
}
