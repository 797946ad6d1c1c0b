import ChatPipeline
import CoachBot
import CoachStore
import Foundation
import Logging
import ServiceLifecycle

/// The daily backup beside the pipeline: wakes at the scheduled instant (and at least once a
/// minute, so a clock change is noticed), asks `BackupSchedule` whether a backup is due given the
/// last recorded attempt, and runs `BackupJob` off the async executors.
public final class BackupService: Service, Sendable {
    let job: BackupJob
    let clock: any PipelineClock
    let logger: Logger

    public init(job: BackupJob, clock: any PipelineClock = SystemPipelineClock(), logger: Logger) {
        self.job = job
        self.clock = clock
        self.logger = logger
    }

    /// Returns on graceful shutdown (a backup in progress finishes first: it runs detached).
    public func run() async throws {
        do {
            try await loop()
        } catch is CancellationError {
            return
        }
    }

    private func loop() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let now = self.clock.now()
                let schedule = try self.schedule()
                if schedule.isDue(now: now, lastAttempt: try self.lastAttempt()) {
                    await self.runOnce(at: now)
                }
                try await self.clock.sleep(until: min(schedule.nextSlot(after: self.clock.now()), self.clock.now() + 60))
            }
        }
    }

    func schedule() throws -> BackupSchedule {
        let zone = try job.store.read { db in try db.teamSetting(Bot.Setting.timeZone) } ?? "UTC"
        return BackupSchedule(minuteOfDay: job.settings.minuteOfDay,
                              clock: TeamClock(zone: zone) ?? TeamClock(timeZone: TimeZone(secondsFromGMT: 0) ?? .current))
    }

    func lastAttempt() throws -> Double? {
        try job.store.read { db in try db.syncValue(BackupJob.Key.lastAttempt) }.flatMap(Double.init)
    }

    private func runOnce(at now: Double) async {
        let job = self.job
        let started = ContinuousClock.now
        let outcome = await Task.detached { job.run(at: now) }.value
        let seconds = String(format: "%.3f", (ContinuousClock.now - started).inSeconds)
        // The audit's head, in the log (kept elsewhere): `coachbot audit verify` must reach it.
        let head = (try? job.store.read { db in try db.auditHead() }).flatMap { $0 }
        switch outcome {
        case let .succeeded(report, pruned):
            logger.info("backup verified", metadata: [
                "bytes": "\(report.bytes)", "rows": "\(report.manifest.totalRows)", "encrypted": "\(report.manifest.encrypted)",
                "pruned": "\(pruned.count)", "seconds": "\(seconds)",
                "audit_head": "\(head.map { "\($0.id):\($0.hash)" } ?? "none")",
            ])
        case let .failed(reason):
            // The reason names files and checks, never data.
            logger.error("backup failed", metadata: ["seconds": "\(seconds)", "reason": "\(reason)"])
        }
    }
}
