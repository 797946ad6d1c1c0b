import TrainingEngine
import CoachCore
import Foundation
@testable import CoachStore

/// A fresh temporary directory per test, removed when the value is released.
final class TempDir: @unchecked Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("coachstore-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Fixtures shared by the tests.
enum Fixture {
    static let today = Day(year: 2026, month: 3, day: 2)

    /// A store with coach bob and athletes alice and erik.
    static func team(_ dir: TempDir, name: String = "t.sqlite") throws -> (CoachStore, coach: PersonID, alice: PersonID, erik: PersonID) {
        let store = try CoachStore(path: dir.path(name))
        let ids = try store.write { db in
            let bob = try db.upsertPerson(handle: "bob", displayName: "Bob Lind", role: .coach,
                                          identity: Identity(network: "matrix", address: "@bob:example.org"), at: 1)
            let alice = try db.upsertPerson(handle: "alice", displayName: "Alice Berg", role: .athlete,
                                            identity: Identity(network: "matrix", address: "@alice:example.org"), at: 1)
            let erik = try db.upsertPerson(handle: "erik", displayName: "Erik Sund", role: .athlete, at: 1)
            return (bob.id, alice.id, erik.id)
        }
        return (store, ids.0, ids.1, ids.2)
    }

    /// Inserts rows touching every table of schema `version` (used by the upgrade tests).
    static func insertSampleRows(_ store: CoachStore, version: Int) throws {
        // v1 tables; later versions add their new tables here.
        try store.write { db in
            let coach = try db.upsertPerson(handle: "bob", displayName: "Bob Lind", role: .coach, at: 1)
            let alice = try db.upsertPerson(handle: "alice", displayName: "Alice Berg", role: .athlete,
                                            identity: Identity(network: "console", address: "alice"), at: 1)
            try db.upsertRoom(network: "matrix", roomID: "!c:x", kind: .coaches, person: nil)
            try db.setTeamSetting("checkin_deadline", "09:00")
            let record = DailyRecord(day: today, metrics: Metrics(hrvMs: 55, rhrBpm: 48), soreness: [Soreness(location: .calf)],
                                     pain: [Pain(location: .achilles, side: .left, score: 3)], illness: [.cough])
            let saved = try db.saveCheckin(athlete: alice.id, record: record, receivedAt: 100, messageID: "$e1",
                                           rawText: "hrv 55", parsedJSON: "{}", parserVersion: "1")
            try db.logSession(athlete: alice.id, day: today, session: LoggedSession(minutes: 40, rpe: 4), rawText: "done", at: 200)
            // Written as v1 knew the table: v6 adds the AM/PM slot.
            try db.execute(sql: "INSERT INTO planned_workouts (athlete_id, day, type, minutes, source) VALUES (?, ?, 'easy', 40, 'command')",
                           arguments: [alice.id, today.ordinal])
            try db.saveAssessment(Assessment(athleteID: alice.id, day: today, checkinID: saved.id, score: 55, band: .amber,
                                             decision: .reduceIntensity, reasons: ["HRV low"], workout: nil,
                                             ruleVersion: "1", createdAt: 101))
            try db.recordOverride(athlete: alice.id, day: today, coach: coach.id, at: 300, kind: .keep)
            try db.addNote(athlete: alice.id, coach: coach.id, at: 301, text: "watch the achilles")
            try db.recordAlert(athlete: alice.id, day: today, at: 102, kind: "hrv", reasons: ["HRV low"])
            try db.setSyncValue("since", "s123")
            if version >= 2 {
                try db.markProcessed(network: "matrix", eventID: "$e1", at: 100)
                try db.enqueueOutbox(network: "matrix", txnID: "t1", roomID: "!a:x", body: "hi", at: 103)
                try db.setRoomMembers(network: "matrix", roomID: "!c:x", members: ["@bob:x"])
                if version >= 5 {
                    try db.appendAudit(AuditEntry(at: 400, actor: "bob", actorRole: "coach", action: "trend", athlete: "alice",
                                                  network: "matrix", room: "!c:x"))
                    try db.setCoach(of: alice.id, to: coach.id)
                    _ = try db.countMessage(network: "matrix", address: "@alice:x", at: 401, limit: 20)
                }
            } else {
                // v1 had no network column: what Matrix alone wrote then.
                try db.execute(sql: "INSERT INTO processed_events (event_id, processed_at) VALUES ('$e1', 100)")
                try db.execute(sql: "INSERT INTO outbox (txn_id, room_id, body, created_at) VALUES ('t1', '!a:x', 'hi', 103)")
            }
            if version >= 3 {
                let test = LactateTest(sport: .run, rest: RestSample(lactate: 0.9), stages: [10, 12, 14, 16, 18].enumerated().map {
                    LactateStage(intensity: Double($0.element), lactate: [1.1, 1.4, 2.0, 3.4, 6.8][$0.offset], hr: 128 + 12 * Double($0.offset))
                })
                try db.addLactateTest(athlete: alice.id, day: today, test: test, analysis: LactateAnalyzer.analyzeCurve(test), enteredBy: coach.id, at: 400)
            }
        }
    }
}

import GRDB

/// A plain GRDB connection with foreign keys off, to plant bad rows for `check()`.
struct GRDBRaw {
    let queue: DatabaseQueue

    static func open(_ path: String) throws -> GRDBRaw {
        var config = Configuration()
        config.foreignKeysEnabled = false
        return GRDBRaw(queue: try DatabaseQueue(path: path, configuration: config))
    }

    func execute(_ sql: String) throws {
        try queue.write { try $0.execute(sql: sql) }
    }
}
