import ChatPipeline
import CoachBot
import CoachCore
import CoachStore
import Foundation
import Logging
import MatrixBot
import Synchronization
import Testing

/// The daemon's backup service on virtual time: a backup at start (none was ever attempted), then
/// one at each day's `[backup] time`, none in between.
@Suite struct BackupServiceTests {
    /// Jumps to each instant the service sleeps until; ends the run past `end`.
    final class VirtualClock: PipelineClock {
        let time: Mutex<Double>
        let end: Double

        init(start: Double, end: Double) {
            time = Mutex(start)
            self.end = end
        }

        func now() -> Double { time.withLock { $0 } }

        func sleep(until instant: Double) async throws {
            let next = time.withLock { t -> Double in
                t = max(t, instant)
                return t
            }
            if next > end { throw CancellationError() }
            await Task.yield()
        }
    }

    @Test func backsUpAtStartThenAtEachDaysSlot() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-backupservice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try CoachStore(path: dir.appendingPathComponent("bot.sqlite").path)
        try store.write { db in try db.setTeamSetting(Bot.Setting.timeZone, "UTC") }
        let start = 1_795_428_000.0 // 2026-11-23 10:00 UTC
        let day = 86_400.0, slot = 1_795_489_200.0 // 2026-11-24 03:00 UTC
        let settings = BackupSettings(dir: dir.appendingPathComponent("backups").path, minuteOfDay: 180)
        let clock = VirtualClock(start: start, end: start + 3 * day)
        let service = BackupService(job: BackupJob(store: store, settings: settings), clock: clock, logger: Logger(label: "test"))
        try await service.run()

        let attempts = try store.read { db in try db.auditEntries().map(\.at) }
        #expect(attempts == [start, slot, slot + day, slot + 2 * day])
        let files = try FileManager.default.contentsOfDirectory(atPath: settings.dir).filter { $0.hasSuffix(".backup") }.sorted()
        #expect(files == attempts.map { BackupRetention.fileName(at: $0) })
        #expect(try store.read { db in try db.syncValue(BackupJob.Key.lastSuccess) } == String(slot + 2 * day))
    }
}
