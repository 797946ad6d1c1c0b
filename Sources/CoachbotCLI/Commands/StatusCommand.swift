import ArgumentParser
import CoachStore
import Foundation
import MatrixBot

/// `coachbot status`: how the daemon is doing, read from the database (it need not be running).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon's last sync, outbox depth and last error, from the database."
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            let (lastSync, lastError, depth, user) = try db.read { d in
                (try d.syncValue(SQLiteMatrixState.Key.lastSync).flatMap(Double.init), try d.syncValue(SQLiteMatrixState.Key.lastError),
                 try d.outboxDepth(), try d.syncValue(SQLiteMatrixState.Key.user))
            }
            print("database: \(store.path)")
            print("matrix user: \(user ?? "not logged in yet")")
            if let lastSync {
                let ago = Int(Date().timeIntervalSince1970 - lastSync)
                print("last sync: \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: lastSync))) (\(ago) s ago)")
            } else {
                print("last sync: never")
            }
            print("outbox: \(depth) message(s) waiting")
            print("last error: \(lastError.flatMap { $0.isEmpty ? nil : $0 } ?? "none")")
        }
    }
}
