import Foundation
import GRDB

/// The roster's operations beyond `upsertPerson`: coach assignment, deactivation, erasure and
/// export (schema v5).
extension Database {
    /// Assigns an athlete to a coach (nil: any coach may see them).
    public func setCoach(of athlete: PersonID, to coach: PersonID?) throws {
        try cachedStatement(sql: "UPDATE people SET coach_id = ? WHERE id = ?").execute(arguments: [coach, athlete])
    }

    /// The coach an athlete is assigned to, if any.
    public func coach(of athlete: PersonID) throws -> PersonID? {
        try PersonID.fetchOne(cachedStatement(sql: "SELECT coach_id FROM people WHERE id = ?"), arguments: [athlete])
    }

    /// The athletes a coach may see: their own when they have any, else nil (every athlete).
    public func athletesVisible(to coach: PersonID) throws -> Set<PersonID>? {
        let own = try PersonID.fetchAll(cachedStatement(sql: "SELECT id FROM people WHERE coach_id = ? AND role = 'athlete'"), arguments: [coach])
        return own.isEmpty ? nil : Set(own)
    }

    /// Whether a person still gets answers and alerts (false after `remove`).
    public func isActive(_ person: PersonID) throws -> Bool {
        try Bool.fetchOne(cachedStatement(sql: "SELECT active FROM people WHERE id = ?"), arguments: [person]) ?? false
    }

    public func setActive(_ person: PersonID, _ active: Bool) throws {
        try cachedStatement(sql: "UPDATE people SET active = ? WHERE id = ?").execute(arguments: [active, person])
    }

    /// Tables holding an athlete's health and training data: every table with an `athlete_id`.
    private func athleteTables() throws -> [String] {
        let tables = try String.fetchAll(cachedStatement(sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        return try tables.filter { table in try columns(in: table).contains { $0.name == "athlete_id" } }
    }

    /// Erases every health record of an athlete (check-ins, reports, plans, assessments, overrides,
    /// notes, sessions, alerts) and deactivates them; the person row stays so the audit can name
    /// them. Returns the number of rows erased.
    @discardableResult
    public func forget(athlete: PersonID) throws -> Int {
        try cachedStatement(sql: "PRAGMA defer_foreign_keys = ON").execute()
        var erased = 0
        for table in try athleteTables() {
            try cachedStatement(sql: "DELETE FROM \(table.quotedDatabaseIdentifier) WHERE athlete_id = ?").execute(arguments: [athlete])
            erased += changesCount
        }
        try setActive(athlete, false)
        return erased
    }

    /// Everything stored about a person as JSON (the right of access): the person, their
    /// identities and rooms, and every row of every table that names them as the athlete.
    public func exportJSON(person: Person) throws -> String {
        var sections: [(String, [[String: DatabaseValue]])] = []
        func rows(_ sql: String) throws -> [[String: DatabaseValue]] {
            try Row.fetchAll(self, sql: sql, arguments: [person.id]).map { row in
                Dictionary(row.columnNames.map { ($0, row[$0] as DatabaseValue) }, uniquingKeysWith: { a, _ in a })
            }
        }
        sections.append(("person", try rows("SELECT id, handle, display_name, role, created_at, coach_id, active FROM people WHERE id = ?")))
        sections.append(("identities", try rows("SELECT network, address FROM identities WHERE person_id = ? ORDER BY network, address")))
        sections.append(("rooms", try rows("SELECT network, room_id, kind FROM rooms WHERE person_id = ? ORDER BY network, room_id")))
        for table in try athleteTables() {
            sections.append((table, try rows("SELECT * FROM \(table.quotedDatabaseIdentifier) WHERE athlete_id = ? ORDER BY rowid")))
        }
        return "{\n" + sections.map { name, rows in
            "  \(JSONText.string(name)): [" + rows.map { row in
                "\n    {" + row.keys.sorted().map { "\(JSONText.string($0)): \(JSONText.value(row[$0] ?? .null))" }.joined(separator: ", ") + "}"
            }.joined(separator: ",") + (rows.isEmpty ? "]" : "\n  ]")
        }.joined(separator: ",\n") + "\n}\n"
    }
}

/// JSON text of SQLite values.
enum JSONText {
    static func string(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func value(_ v: DatabaseValue) -> String {
        switch v.storage {
        case .null: return "null"
        case .int64(let i): return String(i)
        case .double(let d): return d.isFinite ? String(d) : "null"
        case .string(let s): return string(s)
        case .blob(let b): return string(b.base64EncodedString())
        }
    }
}
