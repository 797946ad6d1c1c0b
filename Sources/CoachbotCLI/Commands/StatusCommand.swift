import ArgumentParser
import ChatPipeline
import CoachStore
import Foundation
import CoachBot
import MatrixBot

/// `coachbot status`: how the daemon is doing on each network, read from the database (it need
/// not be running).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each network's last sync, outbox depth, last error and where alerts go, from the database."
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            print("database: \(store.path)")
            try db.read { d in
                print("matrix user: \(try d.syncValue(SQLiteMatrixSessions.Key.user) ?? "not logged in yet")")
                for network in ["matrix", "irc"] {
                    let lastSync = try d.syncValue(PipelineKey.lastReceive(network)).flatMap(Double.init)
                    let since = try d.syncValue(PipelineKey.cursor(network))
                    guard lastSync != nil || since != nil || network == "matrix" else { continue }
                    print("\(network):")
                    if let lastSync {
                        let ago = Int(Date().timeIntervalSince1970 - lastSync)
                        print("  last sync: \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: lastSync))) (\(ago) s ago)")
                    } else {
                        print("  last sync: never")
                    }
                    print("  outbox: \(try d.outboxDepth(network: network)) message(s) waiting")
                    print("  last error: \(try d.syncValue(PipelineKey.lastError(network)).flatMap { $0.isEmpty ? nil : $0 } ?? "none")")
                    let coaches = try d.syncValue(PipelineKey.coachesRoomStatus(network)) ?? ""
                    print("  coach alerts: \(coaches.isEmpty ? "to the coaches' room" : coaches)")
                }
                try printBackup(d)
            }
        }
    }

    private func printBackup(_ d: StoreDatabase) throws {
        func time(_ key: String) throws -> String? {
            try d.syncValue(key).flatMap(Double.init).map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: $0)) }
        }
        print("backup:")
        guard let attempt = try time(BackupJob.Key.lastAttempt) else {
            print("  never run by the daemon (needs a [backup] section)")
            return
        }
        print("  last attempt: \(attempt)")
        print("  last success: \(try time(BackupJob.Key.lastSuccess) ?? "never")")
        if let file = try d.syncValue(BackupJob.Key.lastFile) {
            print("  last file: \(file) (\(try d.syncValue(BackupJob.Key.lastSize) ?? "?") bytes, encrypted: \(try d.syncValue(BackupJob.Key.encrypted) ?? "?"))")
        }
        let error = try d.syncValue(BackupJob.Key.lastError) ?? ""
        print("  last error: \(error.isEmpty ? "none" : error)")
    }
}
