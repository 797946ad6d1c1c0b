import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite struct AuditTests {
    /// Five chained rows in a fresh store.
    func auditedStore(_ dir: TempDir) throws -> CoachStore {
        let store = try CoachStore(path: dir.path("a.sqlite"))
        try store.write { db in
            for (i, athlete) in ["alice", "erik", "alice", "maja", "erik"].enumerated() {
                try db.appendAudit(AuditEntry(at: 1000 + Double(i), actor: "bob", actorRole: "coach", action: "trend",
                                              athlete: athlete, network: "matrix", room: "!c:x"))
            }
        }
        return store
    }

    /// Tampers with the file the way someone with write access would: triggers dropped first.
    func tamper(_ store: CoachStore, _ sql: String) throws {
        try store.write { db in
            try db.execute(sql: "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete")
            try db.execute(sql: sql)
        }
    }

    func verify(_ store: CoachStore) throws -> AuditChain.Problem? {
        try AuditChain.verify(store.read { try $0.auditEntries() })
    }

    @Test func anIntactChainVerifiesAndFiltersWork() throws {
        let dir = TempDir()
        let store = try auditedStore(dir)
        #expect(try verify(store) == nil)
        let rows = try store.read { try $0.auditEntries() }
        #expect(rows.map(\.id) == [1, 2, 3, 4, 5])
        #expect(rows[0].prevHash == AuditChain.genesis)
        #expect(rows[1].prevHash == rows[0].hash)
        #expect(try store.read { try $0.auditEntries(athlete: "ALICE") }.map(\.id) == [1, 3])
        #expect(try store.read { try $0.auditEntries(since: 1003) }.map(\.id) == [4, 5])
    }

    @Test func theTableRefusesUpdatesAndDeletes() throws {
        let dir = TempDir()
        let store = try auditedStore(dir)
        #expect(throws: (any Error).self) { try store.write { try $0.execute(sql: "UPDATE audit SET athlete = 'x' WHERE id = 2") } }
        #expect(throws: (any Error).self) { try store.write { try $0.execute(sql: "DELETE FROM audit WHERE id = 2") } }
        #expect(try verify(store) == nil)
    }

    @Test func verifyNamesAnEditedRow() throws {
        let dir = TempDir()
        let store = try auditedStore(dir)
        try tamper(store, "UPDATE audit SET athlete = 'erik' WHERE id = 3")
        #expect(try verify(store) == .changed(id: 3))
        #expect(try verify(store)?.description == "row 3 was changed (its hash does not match its fields)")
    }

    @Test func verifyNamesADeletedRow() throws {
        let dir = TempDir()
        let store = try auditedStore(dir)
        try tamper(store, "DELETE FROM audit WHERE id = 2")
        #expect(try verify(store) == .deleted(from: 2, to: 2))
    }

    @Test func verifyNamesAnInsertedRow() throws {
        let dir = TempDir()
        let store = try auditedStore(dir)
        // A forged row with a self-consistent hash, spliced after row 2 instead of the last row.
        let rows = try store.read { try $0.auditEntries() }
        var forged = AuditEntry(id: 6, at: 2000, actor: "mallory", actorRole: "coach", action: "trend", athlete: "alice")
        forged.prevHash = rows[1].hash
        forged.hash = AuditChain.hash(of: forged, prevHash: forged.prevHash)
        try tamper(store, """
            INSERT INTO audit (id, at, actor, actor_role, action, athlete, prev_hash, hash)
            VALUES (6, 2000, 'mallory', 'coach', 'trend', 'alice', '\(forged.prevHash)', '\(forged.hash)')
            """)
        #expect(try verify(store) == .inserted(id: 6))
        // Appending through coachbot after that still chains to the (forged) last row.
        try store.write { db in _ = try db.appendAudit(AuditEntry(at: 3000, actor: "cli", actorRole: "operator", action: "export")) }
        #expect(try verify(store) == .inserted(id: 6))
    }

    @Test func aHeadKeptElsewhereShowsRowsCutOffTheEnd() throws {
        let dir = TempDir()
        let store = try auditedStore(dir)
        let head = try #require(try store.read { try $0.auditHead() })
        #expect(head.id == 5)
        #expect(AuditChain.verify(try store.read { try $0.auditEntries() }, head: head) == nil)
        // The last two rows cut off (and the sequence reset): the chain alone looks intact.
        try tamper(store, "DELETE FROM audit WHERE id >= 4; UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit'")
        let rows = try store.read { try $0.auditEntries() }
        #expect(AuditChain.verify(rows) == nil)
        #expect(AuditChain.verify(rows, head: head) == .headMismatch(id: 5))
    }

    @Test func idsAreNotReusedAfterADeletedLastRow() throws {
        let dir = TempDir()
        let store = try auditedStore(dir)
        try tamper(store, "DELETE FROM audit WHERE id = 5")
        try store.write { db in _ = try db.appendAudit(AuditEntry(at: 3000, actor: "cli", actorRole: "operator", action: "export")) }
        #expect(try verify(store) == .deleted(from: 5, to: 5))
    }
}
