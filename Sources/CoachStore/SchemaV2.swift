import GRDB

/// Schema v2: the exactly-once state of every chat network, and what privacy needs to know.
///
/// - `outbox` and `processed_events` are keyed by network, so Matrix and IRC (and any later
///   network) share one pipeline without their ids colliding.
/// - `rooms.kind` gains `retired`: a direct room that someone else joined keeps its row (so a later
///   message from it is recognised as not private) but is never used for health data again.
/// - `room_members` is each room's last known membership (joined and invited, the bot excluded),
///   written by the pipeline in the same transaction as the batch that reported it.
/// - `stranger_replies` remembers when a stranger was last answered (at most once an hour).
enum SchemaV2 {
    @Sendable static func migrate(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE rooms_v2 (
            id INTEGER PRIMARY KEY,
            network TEXT NOT NULL,
            room_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('athlete_direct','coach_direct','coaches','retired')),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            UNIQUE (network, room_id)
        );
        INSERT INTO rooms_v2 (id, network, room_id, kind, person_id) SELECT id, network, room_id, kind, person_id FROM rooms;
        DROP TABLE rooms;
        ALTER TABLE rooms_v2 RENAME TO rooms;
        CREATE INDEX rooms_person ON rooms(person_id);
        CREATE INDEX rooms_kind ON rooms(network, kind, person_id);

        CREATE TABLE processed_events_v2 (
            network TEXT NOT NULL,
            event_id TEXT NOT NULL,
            processed_at REAL NOT NULL,
            PRIMARY KEY (network, event_id)
        );
        INSERT INTO processed_events_v2 SELECT 'matrix', event_id, processed_at FROM processed_events;
        DROP TABLE processed_events;
        ALTER TABLE processed_events_v2 RENAME TO processed_events;

        ALTER TABLE outbox ADD COLUMN network TEXT NOT NULL DEFAULT 'matrix';
        DROP INDEX outbox_pending;
        CREATE INDEX outbox_pending ON outbox(network, id) WHERE sent_at IS NULL;

        CREATE TABLE room_members (
            network TEXT NOT NULL,
            room_id TEXT NOT NULL,
            address TEXT NOT NULL,
            PRIMARY KEY (network, room_id, address)
        );

        CREATE TABLE stranger_replies (
            network TEXT NOT NULL,
            address TEXT NOT NULL,
            answered_at REAL NOT NULL,
            PRIMARY KEY (network, address)
        );
        """)
    }
}
