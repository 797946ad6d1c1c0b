import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite struct BackupTests {
    @Test func backupThenRestoreGivesBackTheSameRows() throws {
        let dir = TempDir()
        let path = dir.path("live.sqlite")
        let store = try CoachStore(path: path)
        try store.seedDemo(today: Fixture.today)
        let original = try store.dump()
        try store.backup(to: dir.path("b.bak"))
        #expect(FileManager.default.fileExists(atPath: dir.path("b.bak.sha256")))
        let line = try String(contentsOfFile: dir.path("b.bak.sha256"), encoding: .utf8)
        #expect(line == "\(try Checksum.sha256(ofFile: dir.path("b.bak")))  b.bak\n")

        // Change the live database, then restore while the store is still open (online).
        try store.write { db in
            try db.execute(sql: "DELETE FROM sessions")
            try db.setTeamSetting("checkin_deadline", "10:00")
        }
        #expect(try store.dump() != original)
        try CoachStore.restore(from: dir.path("b.bak"), into: path)
        #expect(try store.dump() == original)
        try store.close()
        let reopened = try CoachStore(path: path)
        #expect(try reopened.dump() == original)
        #expect(try reopened.check().isEmpty)
    }

    @Test func restoreIntoANewFile() throws {
        let dir = TempDir()
        let store = try CoachStore(path: dir.path("a.sqlite"))
        try Fixture.insertSampleRows(store, version: CoachStore.latestSchemaVersion)
        try store.backup(to: dir.path("a.bak"))
        try CoachStore.restore(from: dir.path("a.bak"), into: dir.path("b.sqlite"))
        #expect(try CoachStore(path: dir.path("b.sqlite")).dump() == store.dump())
    }

    @Test func refusesAMissingOrMismatchedChecksum() throws {
        let dir = TempDir()
        let path = dir.path("live.sqlite")
        let store = try CoachStore(path: path)
        try Fixture.insertSampleRows(store, version: CoachStore.latestSchemaVersion)
        let original = try store.dump()
        let bak = dir.path("b.bak")
        try store.backup(to: bak)

        // Flip bytes: the checksum no longer matches.
        try flip(bak, at: 5000)
        #expect {
            try CoachStore.restore(from: bak, into: path)
        } throws: { error in
            guard case .checksumMismatch = error as? StoreError else { return false }
            return "\(error)".contains("does not match its checksum")
        }
        // No checksum at all.
        try FileManager.default.removeItem(atPath: bak + ".sha256")
        #expect(throws: StoreError.checksumMissing(path: bak)) { try CoachStore.restore(from: bak, into: path) }
        #expect(try store.dump() == original)
    }

    @Test func refusesACorruptBackupEvenWithAMatchingChecksum() throws {
        let dir = TempDir()
        let path = dir.path("live.sqlite")
        let store = try CoachStore(path: path)
        try store.seedDemo(today: Fixture.today)
        let original = try store.dump()
        let bak = dir.path("b.bak")
        try store.backup(to: bak)
        // Trash b-tree pages, then write a checksum that matches the damaged file.
        for page in 2...8 { try flip(bak, at: page * 4096, count: 64) }
        try Checksum.write(for: bak)
        #expect {
            try CoachStore.restore(from: bak, into: path)
        } throws: { error in
            guard case .corrupt = error as? StoreError else { return false }
            return true
        }
        #expect(try store.dump() == original)
    }

    @Test func checkReportsForeignKeyProblems() throws {
        let dir = TempDir()
        let store = try CoachStore(path: dir.path("fk.sqlite"))
        #expect(try store.check().isEmpty)
        // Plant an orphan row through a connection with foreign keys off.
        try store.close()
        var problems: [String] = []
        do {
            let raw = try GRDBRaw.open(dir.path("fk.sqlite"))
            try raw.execute("INSERT INTO sessions (athlete_id, day, logged_at) VALUES (999, 1, 1)")
            let reopened = try CoachStore(path: dir.path("fk.sqlite"))
            problems = try reopened.check()
        }
        #expect(problems.count == 1)
        #expect(problems.first?.contains("sessions") == true)
    }

    private func flip(_ path: String, at offset: Int, count: Int = 16) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw StoreError.io(path: path, reason: "open") }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let bytes = try handle.read(upToCount: count) ?? Data()
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data(bytes.map { ~$0 }))
    }
}
