import CoachCore
import CoachStore
import Foundation

/// One scheduled backup, start to finish: take it (online, consistent), seal it, verify it by a
/// scratch restore, prune by the retention, and record the outcome (status keys, an audit row, and
/// on failure a message to every admin through the outbox). Never throws: a failure is an outcome.
public struct BackupJob: Sendable {
    /// Where `coachbot status` and the metrics read the last outcome (`sync_state`).
    public enum Key {
        public static let lastAttempt = "backup.last_attempt"
        public static let lastSuccess = "backup.last_success"
        public static let lastSize = "backup.last_size_bytes"
        public static let lastFile = "backup.last_file"
        public static let lastError = "backup.last_error"
        public static let encrypted = "backup.encrypted"
    }

    public enum Outcome: Sendable, Equatable {
        case succeeded(BackupReport, pruned: [String])
        case failed(String)
    }

    public let store: CoachStore
    public let settings: BackupSettings

    public init(store: CoachStore, settings: BackupSettings) {
        self.store = store
        self.settings = settings
    }

    /// Runs the backup as of `time`. Blocking I/O: call it off the async executors.
    @discardableResult
    public func run(at time: Double) -> Outcome {
        let outcome: Outcome
        do {
            let key = try settings.keyFile.map(BackupKey.init(file:))
            try FileManager.default.createDirectory(atPath: settings.dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let path = (settings.dir as NSString).appendingPathComponent(BackupRetention.fileName(at: time))
            let report = try store.takeBackup(to: path, key: key, at: time)
            outcome = .succeeded(report, pruned: try prune())
        } catch {
            outcome = .failed("\(error)")
        }
        do {
            try store.write { db in try record(outcome, at: time, in: db) }
        } catch {
            // The store itself failed; the caller logs the outcome it gets back.
        }
        return outcome
    }

    /// Deletes backups (and their checksums) the retention no longer keeps; other files stay.
    func prune() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: settings.dir)) ?? []
        let zone = try store.read { db in try db.teamSetting(Bot.Setting.timeZone) } ?? "UTC"
        let doomed = BackupRetention.toDelete(names, keepDaily: settings.keepDaily, keepWeekly: settings.keepWeekly,
                                              timeZone: TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0) ?? .current)
        for name in doomed {
            let path = (settings.dir as NSString).appendingPathComponent(name)
            try FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".sha256")
        }
        return doomed
    }

    private func record(_ outcome: Outcome, at time: Double, in db: StoreDatabase) throws {
        try db.setSyncValue(Key.lastAttempt, String(time))
        switch outcome {
        case let .succeeded(report, pruned):
            try db.setSyncValue(Key.lastSuccess, String(time))
            try db.setSyncValue(Key.lastSize, String(report.bytes))
            try db.setSyncValue(Key.lastFile, report.path)
            try db.setSyncValue(Key.encrypted, report.manifest.encrypted ? "yes" : "no (no key_file)")
            try db.setSyncValue(Key.lastError, "")
            try db.appendAudit(AuditEntry(at: time, actor: "system", actorRole: "system", action: "backup",
                                          detail: "ok \((report.path as NSString).lastPathComponent) rows=\(report.manifest.totalRows) encrypted=\(report.manifest.encrypted) pruned=\(pruned.count)"))
        case let .failed(reason):
            try db.setSyncValue(Key.lastError, reason)
            try db.appendAudit(AuditEntry(at: time, actor: "system", actorRole: "system", action: "backup", detail: "failed"))
            try alertAdmins("The daily backup failed: \(reason). The previous backups are kept; see docs/operations.md (Backups).",
                            at: time, in: db)
        }
    }

    /// One message to each admin, in their direct room (or at their address) on every network
    /// they are on, queued in the outbox the pipeline delivers from.
    private func alertAdmins(_ text: String, at time: Double, in db: StoreDatabase) throws {
        for admin in try db.roster(role: .admin) {
            for identity in try db.identities(of: admin.id) {
                let room = try db.room(kind: .coachDirect, network: identity.network, person: admin.id)?.roomID ?? identity.address
                try db.enqueueOutbox(network: identity.network, txnID: "backup-alert-\(Int(time))-\(admin.handle)-\(identity.network)",
                                     roomID: room, body: text, at: time)
            }
        }
    }
}
