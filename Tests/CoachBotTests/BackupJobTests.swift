import CoachBot
import CoachCore
import CoachStore
import Foundation
import Testing

/// The schedule decision on injected instants, and the job on a real SQLite file.
@Suite struct BackupScheduleTests {
    let stockholm = TeamClock(zone: "Europe/Stockholm")!
    // 2026-11-23 00:00 UTC = 01:00 in Stockholm (UTC+1 in November).
    let midnightUTC = 1_795_392_000.0

    var schedule: BackupSchedule { BackupSchedule(minuteOfDay: 180, clock: stockholm) }

    @Test func dueOnceAfterTheSlotEachDay() {
        let slot = midnightUTC + 2 * 3600 // 03:00 local
        #expect(schedule.lastSlot(atOrBefore: slot) == slot)
        #expect(schedule.lastSlot(atOrBefore: slot - 1) == slot - 86_400)
        #expect(schedule.nextSlot(after: slot) == slot + 86_400)
        #expect(schedule.nextSlot(after: slot - 1) == slot)
        // Attempted yesterday after its slot: not due before today's slot, due from it on.
        let yesterday = slot - 86_400 + 5
        #expect(!schedule.isDue(now: slot - 1, lastAttempt: yesterday))
        #expect(schedule.isDue(now: slot, lastAttempt: yesterday))
        #expect(schedule.isDue(now: slot + 6 * 3600, lastAttempt: yesterday))
        // Attempted at today's slot: not due again until tomorrow's.
        #expect(!schedule.isDue(now: slot + 23 * 3600, lastAttempt: slot))
        #expect(schedule.isDue(now: slot + 86_400, lastAttempt: slot))
    }

    @Test func aDaemonThatNeverBackedUpBacksUpAtOnce() {
        #expect(schedule.isDue(now: midnightUTC, lastAttempt: nil))
    }

    @Test func theSlotFollowsDaylightSavingTime() {
        // 2026-03-29 is the spring-forward day in Stockholm: 03:00 local is 01:00 UTC, the day before 02:00 UTC.
        let before = 1_774_659_600.0 // 2026-03-28 01:00 UTC
        #expect(schedule.nextSlot(after: before) == before + 3600)               // 03:00 CET = 02:00 UTC
        #expect(schedule.nextSlot(after: before + 3600) == before + 86_400)      // 03:00 CEST = 01:00 UTC next day
    }
}

@Suite struct BackupJobTests {
    func makeStore() throws -> (CoachStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-backupjob-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try CoachStore(path: dir.appendingPathComponent("bot.sqlite").path)
        try store.write { db in
            try db.setTeamSetting(Bot.Setting.timeZone, "UTC")
            let carl = try db.upsertPerson(handle: "carl", displayName: "Carl Ek", role: .admin,
                                           identity: Identity(network: "matrix", address: "@carl:x"), at: 0)
            _ = try db.upsertRoom(network: "matrix", roomID: "!carl:x", kind: .coachDirect, person: carl.id)
            _ = try db.upsertPerson(handle: "alice", displayName: "Alice Berg", role: .athlete, at: 0)
        }
        return (store, dir)
    }

    @Test func aSuccessfulRunIsVerifiedRecordedAuditedAndPruned() throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyFile = dir.appendingPathComponent("backup.key")
        try Data((0..<32).map { UInt8($0) }).write(to: keyFile)
        let settings = BackupSettings(dir: dir.appendingPathComponent("backups").path, minuteOfDay: 180, keepDaily: 2, keepWeekly: 0, keyFile: keyFile.path)
        let job = BackupJob(store: store, settings: settings)
        let day = 86_400.0, start = 1_795_392_000.0 + 3 * 3600
        for i in 0..<4 {
            guard case .succeeded(let report, _) = job.run(at: start + Double(i) * day) else {
                Issue.record("backup \(i) failed")
                return
            }
            #expect(report.manifest.encrypted)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: settings.dir).sorted()
        #expect(files == [BackupRetention.fileName(at: start + 2 * day), BackupRetention.fileName(at: start + 2 * day) + ".sha256",
                          BackupRetention.fileName(at: start + 3 * day), BackupRetention.fileName(at: start + 3 * day) + ".sha256"])
        try store.read { db in
            #expect(try db.syncValue(BackupJob.Key.lastSuccess) == String(start + 3 * day))
            #expect(try db.syncValue(BackupJob.Key.lastError) == "")
            #expect(Int(try db.syncValue(BackupJob.Key.lastSize) ?? "") ?? 0 > 0)
            let audit = try db.auditEntries()
            #expect(audit.count == 4)
            #expect(audit.allSatisfy { $0.action == "backup" && $0.detail?.hasPrefix("ok ") == true })
            #expect(AuditChain.verify(audit) == nil)
            #expect(try db.pendingOutbox().isEmpty)
        }
        #expect(try CoachStore.verifyBackup(settings.dir + "/" + BackupRetention.fileName(at: start + 3 * day),
                                            key: BackupKey(file: keyFile.path)).rows["audit"] == 3)
    }

    @Test func aFailureIsRecordedAndAlertsTheAdmins() throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let settings = BackupSettings(dir: dir.appendingPathComponent("backups").path, keyFile: dir.appendingPathComponent("missing.key").path)
        let outcome = BackupJob(store: store, settings: settings).run(at: 5000)
        guard case .failed(let reason) = outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason.contains("cannot read the key file"))
        try store.read { db in
            #expect(try db.syncValue(BackupJob.Key.lastAttempt) == "5000.0")
            #expect(try db.syncValue(BackupJob.Key.lastSuccess) == nil)
            #expect(try db.syncValue(BackupJob.Key.lastError) == reason)
            #expect(try db.auditEntries().map(\.detail) == ["failed"])
            let alerts = try db.pendingOutbox()
            #expect(alerts.map(\.roomID) == ["!carl:x"])
            #expect(alerts.first?.body.contains("backup failed") == true)
        }
    }
}
