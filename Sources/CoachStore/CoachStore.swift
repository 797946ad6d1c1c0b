import Foundation
import GRDB

/// The coachbot database: one SQLite file in WAL mode, foreign keys on, migrated on open.
///
/// Conversation-engine operations are methods on GRDB's `Database` (see `Database+*.swift`), so
/// several of them compose into one transaction:
///
///     let result = try store.write { db in
///         let saved = try db.saveCheckin(...)
///         try db.saveAssessment(...)
///         return saved
///     }
public final class CoachStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if absent) and migrates the database at `path` to the newest schema.
    ///
    /// Before migrating an existing non-empty file it is backed up next to itself as
    /// `FILE.pre-vN.bak` (+ `.sha256`), N being the first version about to be applied.
    /// - Throws: `StoreError.schemaTooNew` when the file was written by a newer coachbot.
    public convenience init(path: String) throws {
        try self.init(path: path, migrateUpTo: nil)
    }

    /// How hard a commit tries to reach the disk. `.normal` (the default, SQLite's WAL advice)
    /// survives a crash or SIGKILL of coachbot; `.full` also survives power loss, at the price
    /// of an fsync per transaction.
    public enum Durability: String, Sendable {
        case normal, full
    }

    /// Opens the database, migrating only up to schema `version` (nil: the newest). Tests use it
    /// to build files of every earlier schema; operators can stage upgrades with it.
    public init(path: String, migrateUpTo version: Int?, durability: Durability = .normal) throws {
        if let version, !(0...Schema.latestVersion).contains(version) {
            throw StoreError.invalidArgument("schema version v\(version) is unknown; this coachbot knows v1...v\(Schema.latestVersion)")
        }
        self.path = path
        let hasContent: Bool
        do {
            pool = try DatabasePool(path: path, configuration: CoachStore.configuration(durability: durability))
            // Anything in the schema (even tables of another program) is worth a backup; the
            // file size is not a guide in WAL mode, where new data may sit in the -wal file.
            hasContent = try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0 } > 0
        } catch {
            throw StoreError.cannotOpen(path: path, reason: CoachStore.reason(error))
        }
        try migrate(upTo: version ?? Schema.latestVersion, backupFirst: hasContent)
    }

    /// The connection settings every store uses.
    static func configuration(readonly: Bool = false, durability: Durability = .normal) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // A chat bot reads little at a time: two readers and a small page cache each keep the
        // daemon's memory low (the hot history pages stay in the OS cache anyway).
        config.maximumReaderCount = 2
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -1024") }
        if !readonly {
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")")
            }
        }
        config.readonly = readonly
        config.busyMode = .timeout(10)
        return config
    }

    /// A short reason from an error: the SQLite message for database errors.
    static func reason(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return "\(error)"
    }

    /// The schema version the file is at (0 for a new file).
    public func schemaVersion() throws -> Int {
        try pool.read { try Schema.appliedVersion($0) }
    }

    /// The newest schema version this binary knows.
    public static var latestSchemaVersion: Int { Schema.latestVersion }

    /// Every schema version this binary knows, oldest first (numbers may skip while parallel
    /// branches reserve versions).
    public static var schemaVersions: [Int] { Schema.migrations.compactMap { Schema.versionNumber($0.name) } }

    private func migrate(upTo target: Int, backupFirst: Bool) throws {
        let applied = try schemaVersion()
        if applied > Schema.latestVersion {
            throw StoreError.schemaTooNew(found: applied, known: Schema.latestVersion)
        }
        guard applied < target else { return }
        if backupFirst {
            try backup(to: "\(path).pre-v\(Self.schemaVersions.first { $0 > applied } ?? applied + 1).bak")
        }
        try Schema.migrator(upTo: target).migrate(pool)
    }

    /// Runs `updates` in one write transaction (rolled back if it throws).
    public func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try pool.write(updates)
    }

    /// Runs `value` on a read-only snapshot; reads do not block the writer (WAL).
    public func read<T>(_ value: (Database) throws -> T) throws -> T {
        try pool.read(value)
    }

    /// Closes the connections; the store must not be used afterwards.
    public func close() throws {
        try pool.close()
    }
}

/// The connection type the typed operations extend, so callers can name it (e.g. in helper
/// functions taking `db`) without importing GRDB themselves.
public typealias StoreDatabase = GRDB.Database
