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

    /// Replaces the database at `dbPath` with a plain backup (see `restore(from:into:key:)`).
    public static func restore(from backupPath: String, into dbPath: String) throws {
        try restore(from: backupPath, into: dbPath, key: nil)
    }

    /// Takes a verified backup: one consistent snapshot is counted and copied (the bot keeps
    /// running), sealed with AES-256-GCM when `key` is given (plain, and saying so, otherwise),
    /// written to `destination` with `destination.sha256`, then verified by restoring it into a
    /// scratch file. A backup that fails verification is removed and the error thrown.
    @discardableResult
    public func takeBackup(to destination: String, key: BackupKey?, at time: Double) throws -> BackupReport {
        let scratch = CoachStore.scratchPath(near: destination)
        defer { CoachStore.removeDatabaseFiles(scratch) }
        let (rows, schema) = try snapshot(into: scratch)
        guard let database = FileManager.default.contents(atPath: scratch) else {
            throw StoreError.io(path: scratch, reason: "cannot read the copied database")
        }
        let file = try BackupFile.encode(database: database,
                                         manifest: BackupManifest(created: time, schema: schema, keyID: nil, rows: rows, payloadBytes: 0),
                                         key: key)
        let partial = destination + ".partial"
        do {
            FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600])
            try file.write(to: URL(fileURLWithPath: partial))
            try? FileManager.default.removeItem(atPath: destination)
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw StoreError.io(path: destination, reason: "cannot write the backup: \(error.localizedDescription)")
        }
        try Checksum.write(for: destination)
        do {
            let manifest = try CoachStore.verifyBackup(destination, key: key)
            return BackupReport(path: destination, bytes: file.count, sha256: try Checksum.sha256(ofFile: destination), manifest: manifest)
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            try? FileManager.default.removeItem(atPath: destination + ".sha256")
            throw error
        }
    }

    /// Counts every table and copies the database in one read transaction, so the counts are
    /// those of the copied snapshot even while the bot writes.
    private func snapshot(into path: String) throws -> (rows: [String: Int], schema: Int) {
        CoachStore.removeDatabaseFiles(path)
        do {
            let copy = try DatabaseQueue(path: path)
            defer { try? copy.close() }
            let result = try pool.read { db -> ([String: Int], Int) in
                let rows = try CoachStore.rowCounts(db)
                let schema = try Schema.appliedVersion(db)
                try copy.writeWithoutTransaction { dest in try db.backup(to: dest) }
                return (rows, schema)
            }
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode=DELETE") }
            return result
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.io(path: path, reason: "backup failed: \(CoachStore.reason(error))")
        }
    }

    /// Verifies a backup without touching any live database: its `.sha256`, its header, the key,
    /// then a restore into a scratch file with `PRAGMA integrity_check` and the row counts of
    /// every table compared with those recorded when it was taken. Returns its manifest.
    @discardableResult
    public static func verifyBackup(_ path: String, key: BackupKey?) throws -> BackupManifest {
        let scratch = scratchPath(near: path)
        defer { removeDatabaseFiles(scratch) }
        return try unpack(path, key: key, into: scratch)
    }

    /// Replaces the database at `dbPath` with a backup (encrypted, plain, or a pre-migration copy),
    /// only after it passed every check of `verifyBackup`. Refuses a wrong key, a changed or
    /// truncated file and a failed integrity check, and then leaves the live database untouched.
    /// The copy into the target uses SQLite's online backup, so readers see the old or the new.
    @discardableResult
    public static func restore(from backupPath: String, into dbPath: String, key: BackupKey?) throws -> BackupManifest {
        let scratch = scratchPath(near: dbPath)
        defer { removeDatabaseFiles(scratch) }
        let manifest = try unpack(backupPath, key: key, into: scratch)
        if manifest.schema > Schema.latestVersion {
            throw StoreError.schemaTooNew(found: manifest.schema, known: Schema.latestVersion)
        }
        do {
            let source = try DatabaseQueue(path: scratch, configuration: configuration(readonly: true))
            defer { try? source.close() }
            let target = try DatabasePool(path: dbPath, configuration: configuration())
            try source.backup(to: target)
            try target.close()
        } catch {
            throw StoreError.io(path: dbPath, reason: "restore failed: \(reason(error))")
        }
        return manifest
    }

    /// Checks a backup file and writes its database to `scratch`, checked. A legacy plain SQLite
    /// backup (a pre-migration copy) has no manifest: its counts are taken as they are.
    private static func unpack(_ path: String, key: BackupKey?, into scratch: String) throws -> BackupManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.io(path: path, reason: "no such backup file, or it cannot be read")
        }
        if data.starts(with: BackupFile.sqliteMagic) {
            try Checksum.verify(path)
            return try checkScratch(data, from: path, scratch: scratch, expected: nil)
        }
        // A shortened file is named as such, before the checksum says only "does not match".
        if let truncated = truncation(data, path) { throw truncated }
        try Checksum.verify(path)
        let decoded = try BackupFile.decode(data, path: path, key: key)
        return try checkScratch(decoded.database, from: path, scratch: scratch, expected: decoded.manifest)
    }

    private static func truncation(_ data: Data, _ path: String) -> BackupError? {
        do { _ = try BackupFile.split(data, path: path) } catch let error as BackupError {
            if case .truncated = error { return error }
        } catch {}
        return nil
    }

    private static func checkScratch(_ database: Data, from path: String, scratch: String, expected: BackupManifest?) throws -> BackupManifest {
        removeDatabaseFiles(scratch)
        do {
            FileManager.default.createFile(atPath: scratch, contents: nil, attributes: [.posixPermissions: 0o600])
            try database.write(to: URL(fileURLWithPath: scratch))
        } catch {
            throw StoreError.io(path: scratch, reason: "cannot write the scratch copy: \(error.localizedDescription)")
        }
        do {
            let queue = try DatabaseQueue(path: scratch, configuration: configuration(readonly: true))
            defer { try? queue.close() }
            return try queue.read { db in
                let problems = try integrityProblems(db)
                if !problems.isEmpty { throw StoreError.corrupt(path: path, problems: problems) }
                let rows = try rowCounts(db)
                let schema = try Schema.appliedVersion(db)
                guard let expected else {
                    return BackupManifest(created: 0, schema: schema, keyID: nil, rows: rows, payloadBytes: database.count)
                }
                for (table, count) in expected.rows.sorted(by: { $0.key < $1.key }) where rows[table] != count {
                    throw BackupError.rowCountsDiffer(path: path, table: table, expected: count, actual: rows[table] ?? 0)
                }
                return expected
            }
        } catch let error as StoreError {
            throw error
        } catch let error as BackupError {
            throw error
        } catch {
            throw StoreError.corrupt(path: path, problems: [reason(error)])
        }
    }

    /// Rows per table (SQLite's own tables left out).
    static func rowCounts(_ db: Database) throws -> [String: Int] {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        var rows: [String: Int] = [:]
        for table in tables {
            rows[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
        }
        return rows
    }

    /// A scratch database file next to `path` (same file system, same permissions regime).
    static func scratchPath(near path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return (dir.isEmpty ? "." : dir) + "/.coachbot-scratch-\(UUID().uuidString).sqlite"
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
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

/// What a backup run produced.
public struct BackupReport: Sendable, Equatable {
    public var path: String
    public var bytes: Int
    public var sha256: String
    public var manifest: BackupManifest
}
