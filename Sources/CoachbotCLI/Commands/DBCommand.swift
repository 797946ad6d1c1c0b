import ArgumentParser
import CoachStore
import Foundation

/// `coachbot db …`: database maintenance.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Migrate, back up, restore and check the coachbot database.",
        discussion: """
        The database is one SQLite file (WAL mode). Every command that opens it migrates it to \
        the newest schema first, after backing up an existing file as FILE.pre-vN.bak (+ .sha256).
        """,
        subcommands: [Migrate.self, Backup.self, Restore.self, Verify.self, Check.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the database or migrate it to the newest schema.",
            discussion: """
            An existing non-empty file is first backed up next to itself as FILE.pre-vN.bak with a \
            .sha256 checksum. A database written by a newer coachbot is refused untouched.
            """)
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let db = try store.open()
                print("\(db.path): schema v\(try db.schemaVersion()) (latest v\(CoachStore.latestSchemaVersion))")
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a verified backup: consistent, encrypted with the key file, checksummed.",
            discussion: """
            Safe while the bot runs (one snapshot is counted and copied). With --key-file the backup \
            is sealed with AES-256-GCM; without it, it is plain and says so. Writes FILE and \
            FILE.sha256 (sha256sum format), then verifies FILE by restoring it into a scratch file \
            (PRAGMA integrity_check, row counts of every table). Records the outcome in the audit.
            """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var key: KeyOptions
        @Argument(help: ArgumentHelp("Where to write the backup.", valueName: "FILE")) var file: String

        func run() throws {
            try reportingErrors {
                let db = try store.open()
                let report = try db.takeBackup(to: file, key: try key.load(), at: Date().timeIntervalSince1970)
                try db.write { d in
                    try d.appendAudit(AuditEntry(at: Date().timeIntervalSince1970, actor: "cli", actorRole: "operator", action: "backup",
                                                 detail: "ok \((file as NSString).lastPathComponent) by hand"))
                }
                print("backed up \(store.path) to \(file) (\(report.bytes) bytes, \(report.manifest.totalRows) rows, \(report.manifest.encrypted ? "encrypted, key id \(report.manifest.keyID ?? "")" : "NOT encrypted: no --key-file"); verified; checksum in \(file).sha256)")
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the database with a verified backup.",
            discussion: """
            Verifies first, exactly as `db verify` does: FILE.sha256, the key, the header, a scratch \
            restore with PRAGMA integrity_check and the row counts. Refuses a wrong key, a changed \
            or truncated file, a failed check or a backup from a newer coachbot, and then leaves the \
            live database untouched. Stop the bot first; take a backup of the current database if \
            you may want it back.
            """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var key: KeyOptions
        @Argument(help: ArgumentHelp("The backup to restore (FILE.sha256 must sit next to it).", valueName: "FILE"))
        var file: String

        func run() throws {
            try reportingErrors {
                let manifest = try CoachStore.restore(from: file, into: store.path, key: try key.load())
                let db = try store.open()
                try db.write { d in
                    try d.appendAudit(AuditEntry(at: Date().timeIntervalSince1970, actor: "cli", actorRole: "operator", action: "restore",
                                                 detail: "from \((file as NSString).lastPathComponent)"))
                }
                print("restored \(store.path) from \(file) (\(manifest.totalRows) rows, schema v\(manifest.schema))")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a backup without touching the database.",
            discussion: """
            Checks FILE.sha256, the key and the header, restores into a scratch file, runs PRAGMA \
            integrity_check and compares the row count of every table with those recorded when the \
            backup was taken. Prints `ok` and a summary, or the problem and exits with status 1.
            """)
        @OptionGroup var key: KeyOptions
        @Argument(help: ArgumentHelp("The backup to verify.", valueName: "FILE")) var file: String

        func run() throws {
            try reportingErrors {
                let m = try CoachStore.verifyBackup(file, key: try key.load())
                let when = m.created > 0 ? ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: m.created)) : "unknown"
                print("ok: \(file): taken \(when), schema v\(m.schema), \(m.totalRows) rows in \(m.rows.count) tables, \(m.encrypted ? "encrypted (key id \(m.keyID ?? ""))" : "plain")")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run SQLite's integrity and foreign-key checks.",
            discussion: "Prints `ok`, or one problem per line and exits with status 1.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let problems = try store.open().check()
                if problems.isEmpty {
                    print("ok")
                } else {
                    for p in problems { print(p) }
                    throw ExitCode.failure
                }
            }
        }
    }
}

/// `--key-file`, for the backup commands.
struct KeyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The backup key: 32 random bytes or 64 hex digits.",
        discussion: "Defaults to $COACHBOT_BACKUP_KEY_FILE. Without a key, backups are plain.",
        valueName: "FILE"))
    var keyFile: String?

    func load() throws -> BackupKey? {
        let env = ProcessInfo.processInfo.environment["COACHBOT_BACKUP_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        return try (keyFile ?? env).map(BackupKey.init(file:))
    }
}
