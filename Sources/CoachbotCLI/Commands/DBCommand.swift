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
        subcommands: [Migrate.self, Backup.self, Restore.self, Check.self])

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
            abstract: "Write a consistent copy of the database and its SHA-256.",
            discussion: """
            Safe while the bot runs (SQLite online backup). Writes FILE and FILE.sha256 in \
            sha256sum format, so `sha256sum -c FILE.sha256` also verifies it.
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("Where to write the backup.", valueName: "FILE")) var file: String

        func run() throws {
            try reportingErrors {
                try store.open().backup(to: file)
                print("backed up \(store.path) to \(file) (checksum in \(file).sha256)")
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the database with a verified backup.",
            discussion: """
            Refuses a backup whose FILE.sha256 is missing or does not match, one that fails \
            PRAGMA integrity_check, or one from a newer coachbot. Take a backup of the current \
            database first if you may want it back.
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The backup to restore (FILE.sha256 must sit next to it).", valueName: "FILE"))
        var file: String

        func run() throws {
            try reportingErrors {
                try CoachStore.restore(from: file, into: store.path)
                print("restored \(store.path) from \(file)")
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
