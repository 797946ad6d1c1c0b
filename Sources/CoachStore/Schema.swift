import GRDB

/// The versioned schema. Migrations are named `v1`, `v2`, … and never edited once released:
/// a change is a new migration appended to `migrations`.
enum Schema {
    /// Every migration this binary knows, oldest first. Append `("v2", v2)` here to add one.
    static let migrations: [(name: String, run: @Sendable (Database) throws -> Void)] = [
        ("v1", SchemaV1.migrate),
        ("v2", SchemaV2.migrate),
        ("v3", SchemaV3.migrate),
        ("v5", SchemaV5.migrate),
        ("v6", SchemaV6.migrate),
    ]

    /// The newest schema version this binary knows.
    static var latestVersion: Int { migrations.compactMap { versionNumber($0.name) }.max() ?? 0 }

    /// The GRDB migrator, optionally stopping after `version`.
    static func migrator(upTo version: Int? = nil) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations where (versionNumber(migration.name) ?? 0) <= (version ?? latestVersion) {
            migrator.registerMigration(migration.name, migrate: migration.run)
        }
        return migrator
    }

    /// `v3` → 3; nil for identifiers that are not schema versions.
    static func versionNumber(_ identifier: String) -> Int? {
        guard identifier.hasPrefix("v") else { return nil }
        return Int(identifier.dropFirst())
    }

    /// The applied schema version of a database (0 when empty), including versions newer than
    /// this binary knows.
    static func appliedVersion(_ db: Database) throws -> Int {
        guard try db.tableExists("grdb_migrations") else { return 0 }
        let ids = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        return ids.compactMap(versionNumber).max() ?? 0
    }
}
