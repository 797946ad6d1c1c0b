import Crypto
import Foundation
import GRDB

/// One audit row: who did what to which athlete's data, where. Never health values or text.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64
    public var at: Double
    /// The person's handle, or `system` (the daemon's own jobs) or `cli` (a command by hand).
    public var actor: String
    public var actorRole: String
    /// What was done: `trend`, `override`, `export`, `roster.add`, `backup`, … (see docs/operations.md).
    public var action: String
    /// The athlete's handle whose data was read or changed, if any.
    public var athlete: String?
    public var network: String?
    public var room: String?
    /// A short non-health detail: a backup's file name and outcome, a role added.
    public var detail: String?
    public var prevHash: String
    public var hash: String

    public init(id: Int64 = 0, at: Double, actor: String, actorRole: String, action: String, athlete: String? = nil,
                network: String? = nil, room: String? = nil, detail: String? = nil, prevHash: String = "", hash: String = "") {
        self.id = id
        self.at = at
        self.actor = actor
        self.actorRole = actorRole
        self.action = action
        self.athlete = athlete
        self.network = network
        self.room = room
        self.detail = detail
        self.prevHash = prevHash
        self.hash = hash
    }
}

/// The hash chain, pure: how a row's hash is made, and which row first breaks the chain.
public enum AuditChain {
    /// The `prev_hash` of the first row.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the previous hash and every field (id included, so renumbering shows), each
    /// field length-prefixed so no two different rows serialise alike.
    public static func hash(of entry: AuditEntry, prevHash: String) -> String {
        let fields: [String?] = [String(entry.id), String(entry.at.bitPattern), entry.actor, entry.actorRole, entry.action,
                                 entry.athlete, entry.network, entry.room, entry.detail]
        var hasher = SHA256()
        hasher.update(data: Data(prevHash.utf8))
        for field in fields {
            let bytes = field.map { Data($0.utf8) }
            hasher.update(data: Data("\(bytes.map { String($0.count) } ?? "-"):".utf8))
            if let bytes { hasher.update(data: bytes) }
        }
        return Hex.string(hasher.finalize())
    }

    /// What is wrong with the chain, naming the first bad row.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// Rows `from...to` are missing (ids are never reused, so a gap is a deletion).
        case deleted(from: Int64, to: Int64)
        /// The row's hash does not match its fields: it was edited.
        case changed(id: Int64)
        /// The row's link does not match the row before it: it was inserted (or that row rewritten).
        case inserted(id: Int64)
        /// A head kept elsewhere (`ID:HASH`) is missing or different: rows were cut off the end, or
        /// the chain was rewritten whole.
        case headMismatch(id: Int64)

        public var description: String {
            switch self {
            case let .deleted(from, to):
                return from == to ? "row \(from) was deleted" : "rows \(from)...\(to) were deleted"
            case let .changed(id): return "row \(id) was changed (its hash does not match its fields)"
            case let .inserted(id):
                return "row \(id) was inserted (its link does not match the row before it)"
            case let .headMismatch(id):
                return "row \(id) is missing or not the one recorded (rows were cut off the end, or the chain was rewritten)"
            }
        }
    }

    /// The first problem in rows ordered by id, or nil when the chain is intact.
    public static func verify(_ rows: [AuditEntry]) -> Problem? {
        var prevHash = genesis
        var prevID: Int64 = 0
        for row in rows {
            if row.id > prevID + 1 { return .deleted(from: prevID + 1, to: row.id - 1) }
            if row.id <= prevID { return .inserted(id: row.id) }
            if hash(of: row, prevHash: row.prevHash) != row.hash { return .changed(id: row.id) }
            if row.prevHash != prevHash { return .inserted(id: row.id) }
            prevHash = row.hash
            prevID = row.id
        }
        return nil
    }

    /// `verify`, then also that the row `head.id` (a head kept outside the database) still has
    /// `head.hash`.
    public static func verify(_ rows: [AuditEntry], head: (id: Int64, hash: String)) -> Problem? {
        if let problem = verify(rows) { return problem }
        guard rows.contains(where: { $0.id == head.id && $0.hash == head.hash.lowercased() }) else { return .headMismatch(id: head.id) }
        return nil
    }
}

extension Database {
    /// Appends one audit row, chained to the last; call it in the transaction of the action.
    @discardableResult
    public func appendAudit(_ entry: AuditEntry) throws -> AuditEntry {
        let last = try Row.fetchOne(cachedStatement(sql: "SELECT hash FROM audit ORDER BY id DESC LIMIT 1"))
        let next = try Int64.fetchOne(cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit'")) ?? 0
        var row = entry
        row.id = next + 1
        row.prevHash = last.map { $0[0] } ?? AuditChain.genesis
        row.hash = AuditChain.hash(of: row, prevHash: row.prevHash)
        try cachedStatement(sql: """
            INSERT INTO audit (id, at, actor, actor_role, action, athlete, network, room, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [row.id, row.at, row.actor, row.actorRole, row.action, row.athlete, row.network, row.room,
                             row.detail, row.prevHash, row.hash])
        return row
    }

    /// Audit rows oldest first, optionally only about one athlete and from an instant on.
    public func auditEntries(athlete: String? = nil, since: Double? = nil) throws -> [AuditEntry] {
        try Row.fetchAll(cachedStatement(sql: """
            SELECT id, at, actor, actor_role, action, athlete, network, room, detail, prev_hash, hash FROM audit
            WHERE (?1 IS NULL OR athlete = ?1) AND (?2 IS NULL OR at >= ?2) ORDER BY id
            """), arguments: [athlete?.lowercased(), since]).map {
            AuditEntry(id: $0[0], at: $0[1], actor: $0[2], actorRole: $0[3], action: $0[4], athlete: $0[5], network: $0[6],
                       room: $0[7], detail: $0[8], prevHash: $0[9], hash: $0[10])
        }
    }

    /// The last row's id and hash (nil when empty): kept outside the database (the daemon logs it
    /// after each backup), it shows rows cut off the end, which the chain alone cannot.
    public func auditHead() throws -> (id: Int64, hash: String)? {
        try Row.fetchOne(cachedStatement(sql: "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")).map { ($0[0], $0[1]) }
    }

    /// How many audit rows there are (a metric).
    public func auditCount() throws -> Int {
        try Int.fetchOne(cachedStatement(sql: "SELECT COUNT(*) FROM audit")) ?? 0
    }
}
