import CoachCore
import Foundation
import GRDB
import Testing
import TrainingEngine
@testable import CoachStore

@Suite struct MigrationTests {
    @Test func migratesAnEmptyFileToTheLatestVersion() throws {
        let dir = TempDir()
        let store = try CoachStore(path: dir.path("new.sqlite"))
        #expect(try store.schemaVersion() == CoachStore.latestSchemaVersion)
        #expect(try store.check().isEmpty)
        // A brand-new file is not backed up.
        #expect(!FileManager.default.fileExists(atPath: dir.path("new.sqlite.pre-v1.bak")))
        let tables = try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        for t in ["people", "identities", "rooms", "team_settings", "checkins", "pain_reports", "illness_reports",
                  "planned_workouts", "assessments", "coach_overrides", "coach_notes", "sessions", "alerts",
                  "sync_state", "processed_events", "outbox", "audit", "message_rates"] {
            #expect(tables.contains(t), "missing table \(t)")
        }
        let mode = try store.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let fk = try store.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(fk == true)
    }

    @Test func hotPathQueriesUseTheAthleteDayIndex() throws {
        let dir = TempDir()
        let store = try CoachStore(path: dir.path("i.sqlite"))
        for table in ["checkins", "pain_reports", "illness_reports", "sessions", "assessments", "coach_overrides"] {
            let plan = try store.read {
                try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN SELECT * FROM \(table) WHERE athlete_id = 1 AND day BETWEEN 1 AND 60")
                    .map { $0["detail"] as String? ?? "" }.joined(separator: " ")
            }
            #expect(plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"), "\(table): \(plan)")
        }
    }

    /// For every earlier schema version: build a file at that version, fill it, upgrade, and
    /// check the rows survived (and that the upgrade backed the file up first).
    @Test(arguments: CoachStore.schemaVersions)
    func upgradesFromEveryEarlierVersion(version: Int) throws {
        let dir = TempDir()
        let path = dir.path("old.sqlite")
        let old = try CoachStore(path: path, migrateUpTo: version)
        #expect(try old.schemaVersion() == version)
        try Fixture.insertSampleRows(old, version: version)
        let before = try old.dump().filter { !$0.hasPrefix("grdb_migrations") }
        try old.close()

        let store = try CoachStore(path: path)
        #expect(try store.schemaVersion() == CoachStore.latestSchemaVersion)
        let after = try store.dump().filter { !$0.hasPrefix("grdb_migrations") }
        // A row survives when some row of its table still holds every one of its old fields
        // (later versions may add columns, e.g. the outbox's network in v2).
        func fields(_ row: String) -> (table: String, fields: Set<String>) {
            let table = String(row.prefix { $0 != ":" })
            return (table, Set(row.dropFirst(table.count).split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":[]")) }))
        }
        let upgraded = after.map(fields)
        for row in before {
            let old = fields(row)
            #expect(upgraded.contains { $0.table == old.table && old.fields.isSubset(of: $0.fields) }, "lost \(row)")
        }
        if let next = CoachStore.schemaVersions.first(where: { $0 > version }) {
            #expect(FileManager.default.fileExists(atPath: "\(path).pre-v\(next).bak"))
            #expect(FileManager.default.fileExists(atPath: "\(path).pre-v\(next).bak.sha256"))
        }
        #expect(try store.check().isEmpty)
    }

    @Test func backsUpAnExistingFileBeforeMigrating() throws {
        let dir = TempDir()
        let path = dir.path("legacy.sqlite")
        let legacy = try DatabaseQueue(path: path)
        try legacy.write { try $0.execute(sql: "CREATE TABLE notes_from_before (x TEXT); INSERT INTO notes_from_before VALUES ('keep me')") }
        try legacy.close()
        _ = try CoachStore(path: path)
        let bak = "\(path).pre-v1.bak"
        #expect(FileManager.default.fileExists(atPath: bak))
        try Checksum.verify(bak)
        let copy = try DatabaseQueue(path: bak)
        #expect(try copy.read { try String.fetchOne($0, sql: "SELECT x FROM notes_from_before") } == "keep me")
    }

    @Test func refusesANewerSchema() throws {
        let dir = TempDir()
        let path = dir.path("future.sqlite")
        let store = try CoachStore(path: path)
        try store.write { db in
            for v in (CoachStore.latestSchemaVersion + 1)...(CoachStore.latestSchemaVersion + 2) {
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: ["v\(v)"])
            }
        }
        try store.close()
        let newest = CoachStore.latestSchemaVersion + 2
        #expect(throws: StoreError.schemaTooNew(found: newest, known: CoachStore.latestSchemaVersion)) {
            _ = try CoachStore(path: path)
        }
        #expect(StoreError.schemaTooNew(found: 3, known: 2).description
            == "database schema v3 is newer than this coachbot (knows up to v2); upgrade coachbot or restore a backup")
    }

    @Test func refusesAFileThatIsNotADatabase() throws {
        let dir = TempDir()
        let path = dir.path("junk.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { _ = try CoachStore(path: path) }
    }
}

@Suite struct LactateStoreTests {
    @Test func testsRoundTripWithStagesAndWhoEnteredThem() throws {
        let dir = TempDir()
        let store = try CoachStore(path: dir.path("t.sqlite"))
        try Fixture.insertSampleRows(store, version: CoachStore.latestSchemaVersion)
        let tests = try store.read { db -> [StoredLactateTest] in
            guard let alice = try db.findPerson(handle: "alice") else { return [] }
            return try db.lactateTests(athlete: alice.id)
        }
        #expect(tests.count == 1)
        let t = try #require(tests.first)
        #expect(t.test.stages.map(\.lactate) == [1.1, 1.4, 2.0, 3.4, 6.8])
        #expect(t.test.rest == RestSample(lactate: 0.9))
        #expect(t.enteredBy != nil && t.enteredBy != t.athleteID)
        #expect(t.lt1 < t.lt2)
        #expect(try store.check().isEmpty)
    }
}
