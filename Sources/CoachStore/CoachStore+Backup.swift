import Foundation
import GRDB

extension CoachStore {
    /// Writes a consistent online copy of the database to `destination` (the bot may keep
    /// running) and `destination.sha256` in `sha256sum` format, so `restore` can verify it.
    public func backup(to destination: String) throws {
        try? FileManager.default.removeItem(atPath: destination)
        do {
            let copy = try DatabaseQueue(path: destination)
            try pool.backup(to: copy)
            // A single self-contained file: no -wal next to the backup.
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode=DELETE") }
            try copy.close()
        } catch {
            throw StoreError.io(path: destination, reason: "backup failed: \(CoachStore.reason(error))")
        }
        try Checksum.write(for: destination)
    }

    /// Replaces the database at `dbPath` with the backup at `backupPath`.
    ///
    /// Refuses a backup whose `.sha256` is missing or does not match, one that fails
    /// `PRAGMA integrity_check`, or one newer than this binary. The copy into the target uses
    /// SQLite's online backup, so readers see either the old or the restored database.
    public static func restore(from backupPath: String, into dbPath: String) throws {
        try Checksum.verify(backupPath)
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: backupPath, configuration: configuration(readonly: true))
        } catch {
            throw StoreError.corrupt(path: backupPath, problems: [reason(error)])
        }
        defer { try? source.close() }
        let version: Int
        do {
            let problems = try source.read { try integrityProblems($0) }
            if !problems.isEmpty { throw StoreError.corrupt(path: backupPath, problems: problems) }
            version = try source.read { try Schema.appliedVersion($0) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corrupt(path: backupPath, problems: [reason(error)])
        }
        if version > Schema.latestVersion {
            throw StoreError.schemaTooNew(found: version, known: Schema.latestVersion)
        }
        do {
            let target = try DatabasePool(path: dbPath, configuration: configuration())
            try source.backup(to: target)
            try target.close()
        } catch {
            throw StoreError.io(path: dbPath, reason: "restore failed: \(reason(error))")
        }
    }

    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check`; returns the problems
    /// (empty when the database is healthy).
    public func check() throws -> [String] {
        try pool.read { db in
            var problems = try CoachStore.integrityProblems(db)
            let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            for row in rows {
                let table: String = row[0] ?? "?"
                let rowid: Int64? = row[1]
                let parent: String = row[2] ?? "?"
                problems.append("\(table) row \(rowid.map(String.init) ?? "?") references a missing \(parent) row")
            }
            return problems
        }
    }

    static func integrityProblems(_ db: Database) throws -> [String] {
        let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        return lines == ["ok"] ? [] : lines
    }

    /// Every row of every table as text, in a stable order: for comparing databases
    /// (tests, verifying a restore by hand).
    public func dump() throws -> [String] {
        try pool.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            var out: [String] = []
            for table in tables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid")
                for row in rows { out.append("\(table): \(row.description)") }
            }
            return out
        }
    }
}
