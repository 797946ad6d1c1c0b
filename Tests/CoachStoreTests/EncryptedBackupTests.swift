import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite struct EncryptedBackupTests {
    static let keyBytes = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
    static let otherKeyBytes = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 11 &+ 1) })

    /// A live store with the demo team, its dump, and a verified encrypted backup of it.
    func fixture(_ dir: TempDir, key: BackupKey?) throws -> (CoachStore, original: [String], backup: String) {
        let store = try CoachStore(path: dir.path("live.sqlite"))
        try store.seedDemo(today: Fixture.today)
        let backup = dir.path("b.backup")
        try store.takeBackup(to: backup, key: key, at: 1_790_000_000)
        return (store, try store.dump(), backup)
    }

    /// Changes the live database so a refused restore can be seen to have left it alone.
    func changeLive(_ store: CoachStore) throws -> [String] {
        try store.write { db in try db.setTeamSetting("checkin_deadline", "11:11") }
        return try store.dump()
    }

    @Test func encryptedBackupVerifiesAndRestoresIdenticalRows() throws {
        let dir = TempDir()
        let key = try BackupKey(bytes: Self.keyBytes)
        let (store, original, backup) = try fixture(dir, key: key)
        let manifest = try CoachStore.verifyBackup(backup, key: key)
        #expect(manifest.encrypted)
        #expect(manifest.keyID == key.id)
        #expect(manifest.totalRows == original.count)
        #expect(manifest.rows["people"] ?? 0 > 0)
        // The file holds no SQLite page in the clear.
        let bytes = try #require(FileManager.default.contents(atPath: backup))
        #expect(bytes.range(of: Data("SQLite format 3".utf8)) == nil)
        #expect(bytes.range(of: Data("Alice".utf8)) == nil)

        #expect(try changeLive(store) != original)
        try CoachStore.restore(from: backup, into: store.path, key: key)
        #expect(try store.dump() == original)
        #expect(try store.check().isEmpty)
    }

    @Test func restoreRefusesAWrongKeyAndLeavesTheLiveDatabase() throws {
        let dir = TempDir()
        let (store, _, backup) = try fixture(dir, key: try BackupKey(bytes: Self.keyBytes))
        let live = try changeLive(store)
        let other = try BackupKey(bytes: Self.otherKeyBytes)
        #expect {
            try CoachStore.restore(from: backup, into: store.path, key: other)
        } throws: { error in
            guard case .wrongKey = error as? BackupError else { return false }
            return "\(error)".contains("another key")
        }
        #expect(throws: BackupError.keyNeeded(path: backup)) { try CoachStore.restore(from: backup, into: store.path, key: nil) }
        #expect(try store.dump() == live)
    }

    @Test func restoreRefusesAFlippedByteAndLeavesTheLiveDatabase() throws {
        let dir = TempDir()
        let key = try BackupKey(bytes: Self.keyBytes)
        let (store, _, backup) = try fixture(dir, key: key)
        let live = try changeLive(store)
        let size = try #require(FileManager.default.contents(atPath: backup)).count
        try flip(backup, at: size - 100, count: 1)
        // The checksum catches it first …
        #expect {
            try CoachStore.restore(from: backup, into: store.path, key: key)
        } throws: { error in
            guard case .checksumMismatch = error as? StoreError else { return false }
            return true
        }
        // … and with a checksum rewritten to match, AES-GCM's authentication still does.
        try Checksum.write(for: backup)
        #expect {
            try CoachStore.restore(from: backup, into: store.path, key: key)
        } throws: { error in
            guard case .damaged = error as? BackupError else { return false }
            return "\(error)".contains("authentication")
        }
        #expect(try store.dump() == live)
    }

    @Test func restoreRefusesATruncatedFileAndLeavesTheLiveDatabase() throws {
        let dir = TempDir()
        let key = try BackupKey(bytes: Self.keyBytes)
        let (store, _, backup) = try fixture(dir, key: key)
        let live = try changeLive(store)
        let data = try #require(FileManager.default.contents(atPath: backup))
        try data.prefix(data.count - 4096).write(to: URL(fileURLWithPath: backup))
        #expect {
            try CoachStore.restore(from: backup, into: store.path, key: key)
        } throws: { error in
            guard case let .truncated(_, expected, actual) = error as? BackupError else { return false }
            return expected - actual == 4096 && "\(error)".contains("truncated")
        }
        #expect(try store.dump() == live)
    }

    @Test func restoreRefusesRowCountsThatDifferFromTheHeader() throws {
        let dir = TempDir()
        let (store, _, backup) = try fixture(dir, key: nil)
        let live = try changeLive(store)
        // A plain backup whose header claims one more person, with a matching checksum.
        var text = try #require(FileManager.default.contents(atPath: backup))
        let people = try #require(try CoachStore.verifyBackup(backup, key: nil).rows["people"])
        let from = Data("\"people\":\(people)".utf8), to = Data("\"people\":\(people + 1)".utf8)
        let range = try #require(text.range(of: from))
        text.replaceSubrange(range, with: to)
        try text.write(to: URL(fileURLWithPath: backup))
        try Checksum.write(for: backup)
        #expect {
            try CoachStore.restore(from: backup, into: store.path, key: nil)
        } throws: { error in
            error as? BackupError == .rowCountsDiffer(path: backup, table: "people", expected: people + 1, actual: people)
        }
        #expect(try store.dump() == live)
    }

    @Test func plainBackupSaysSoAndRoundTrips() throws {
        let dir = TempDir()
        let (store, original, backup) = try fixture(dir, key: nil)
        let manifest = try CoachStore.verifyBackup(backup, key: nil)
        #expect(!manifest.encrypted)
        _ = try changeLive(store)
        try CoachStore.restore(from: backup, into: store.path, key: nil)
        #expect(try store.dump() == original)
        // A plain backup needs no key, and a key given anyway does no harm.
        #expect(try CoachStore.verifyBackup(backup, key: try BackupKey(bytes: Self.keyBytes)) == manifest)
    }

    @Test func keyFilesAreRawBytesOrHexAndAnythingElseIsRefused() throws {
        let dir = TempDir()
        try Self.keyBytes.write(to: dir.url.appendingPathComponent("raw.key"))
        let hex = Self.keyBytes.map { String(format: "%02x", $0) }.joined()
        try (hex + "\n").write(toFile: dir.path("hex.key"), atomically: true, encoding: .utf8)
        try Data(repeating: 1, count: 16).write(to: dir.url.appendingPathComponent("short.key"))
        let raw = try BackupKey(file: dir.path("raw.key")), fromHex = try BackupKey(file: dir.path("hex.key"))
        #expect(raw.id == fromHex.id)
        #expect(raw.id != (try BackupKey(bytes: Self.otherKeyBytes)).id)
        #expect { try BackupKey(file: dir.path("short.key")) } throws: { "\($0)".contains("32 random bytes") }
        #expect { try BackupKey(file: dir.path("missing.key")) } throws: { "\($0)".contains("cannot read the key file") }
    }

    @Test func aBackupWhileTheStoreIsWrittenIsConsistent() async throws {
        let dir = TempDir()
        let store = try CoachStore(path: dir.path("live.sqlite"))
        try store.seedDemo(today: Fixture.today)
        let writer = Task.detached {
            for i in 0..<200 { try store.write { db in try db.setSyncValue("k\(i)", "v") } }
        }
        for i in 0..<3 {
            let report = try store.takeBackup(to: dir.path("b\(i).backup"), key: nil, at: Double(i))
            #expect(report.manifest.rows["sync_state"] != nil)
        }
        try await writer.value
    }

    private func flip(_ path: String, at offset: Int, count: Int) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw StoreError.io(path: path, reason: "open") }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let bytes = try handle.read(upToCount: count) ?? Data()
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data(bytes.map { ~$0 }))
    }
}

@Suite struct BackupRetentionTests {
    let utc = TimeZone(identifier: "UTC")!
    let day = 86_400.0
    let start = 1_788_220_800.0 // 2026-09-01 00:00 UTC, a Tuesday

    @Test func fileNamesRoundTrip() {
        let name = BackupRetention.fileName(at: start + 3 * 3600)
        #expect(name == "coachbot-20260901T030000Z.backup")
        #expect(BackupRetention.time(ofFileName: name) == start + 3 * 3600)
        #expect(BackupRetention.time(ofFileName: "notes.txt") == nil)
        #expect(BackupRetention.time(ofFileName: name + ".sha256") == nil)
    }

    @Test func keepsTheNewestPerDayAndPerWeek() {
        // 30 daily backups at 03:00, plus a second one on the last day.
        var names = (0..<30).map { BackupRetention.fileName(at: start + Double($0) * day + 3 * 3600) }
        names.append(BackupRetention.fileName(at: start + 29 * day + 15 * 3600))
        names.append("operator-notes.txt")
        let doomed = Set(BackupRetention.toDelete(names, keepDaily: 7, keepWeekly: 4, timeZone: utc))
        let kept = names.filter { !doomed.contains($0) && $0.hasSuffix(".backup") }
        // 7 days (Sep 24-30, the later one on the last day); of the 4 newest ISO weeks two are
        // covered by those days, so the newest of weeks 37 and 38 (Sep 13 and 20) are added.
        #expect(kept.count == 9)
        #expect(kept.contains(BackupRetention.fileName(at: start + 12 * day + 3 * 3600)))
        #expect(kept.contains(BackupRetention.fileName(at: start + 19 * day + 3 * 3600)))
        #expect(kept.contains(BackupRetention.fileName(at: start + 29 * day + 15 * 3600)))
        #expect(!kept.contains(BackupRetention.fileName(at: start + 29 * day + 3 * 3600)))
        #expect(!doomed.contains("operator-notes.txt"))
        #expect(kept.contains(BackupRetention.fileName(at: start + 23 * day + 3 * 3600)))
        #expect(!kept.contains(BackupRetention.fileName(at: start + 22 * day + 3 * 3600)))
    }

    @Test func alwaysKeepsTheNewest() {
        let names = (0..<3).map { BackupRetention.fileName(at: start + Double($0) * day) }
        #expect(BackupRetention.toDelete(names, keepDaily: 0, keepWeekly: 0, timeZone: utc) == [names[1], names[0]])
    }

    @Test func daysFollowTheTeamTimeZone() {
        // 23:00 and 01:00 UTC straddle midnight in UTC but are 01:00 and 03:00 of one day in Stockholm.
        let a = BackupRetention.fileName(at: start - 3600), b = BackupRetention.fileName(at: start + 3600)
        let zone = TimeZone(identifier: "Europe/Stockholm")!
        #expect(BackupRetention.toDelete([a, b], keepDaily: 2, keepWeekly: 0, timeZone: utc).isEmpty)
        #expect(BackupRetention.toDelete([a, b], keepDaily: 2, keepWeekly: 0, timeZone: zone) == [a])
    }
}
