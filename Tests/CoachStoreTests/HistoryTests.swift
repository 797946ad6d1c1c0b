import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite struct HistoryTests {
    let day = Fixture.today

    @Test func historyReturnsTheDaysFactsAndEffectiveDecision() throws {
        let dir = TempDir()
        let (store, bob, alice, erik) = try Fixture.team(dir)
        let d0 = day.adding(days: -2), d1 = day.adding(days: -1)
        let r0 = DailyRecord(day: d0, metrics: Metrics(hrvMs: 61, rhrBpm: 47, sleepHours: 7.5,
                                                     sleepQuality: Score(value: 4, outOf: 5), fatigue: Score(value: 7, outOf: 10)),
                             soreness: [Soreness(location: .calf, side: .left), Soreness(location: .legs)],
                             pain: [Pain(location: .achilles, side: .right, score: 4, gaitAffected: true, redFlags: [.night, .bony])],
                             illness: [.soreThroat, .congestion])
        try store.write { db in
            let saved = try db.saveCheckin(athlete: alice, record: r0, receivedAt: 1, messageID: "$1", rawText: "…",
                                           parsedJSON: "{}", parserVersion: "1")
            try db.saveAssessment(Assessment(athleteID: alice, day: d0, checkinID: saved.id, score: 45, band: .amber,
                                             decision: .reduceIntensity, reasons: ["pain"], workout: WorkoutSpec(type: .easy, minutes: 30),
                                             ruleVersion: "1", createdAt: 2))
            try db.logSession(athlete: alice, day: d0, session: LoggedSession(minutes: 30, km: 5, rpe: 3), rawText: nil, at: 3)
            try db.logSession(athlete: alice, day: d0, session: LoggedSession(minutes: 20, rpe: 5, isRun: false), rawText: nil, at: 4)
            // d1: a session and an override, no check-in.
            try db.logSession(athlete: alice, day: d1, session: LoggedSession(minutes: 50, rpe: 6), rawText: nil, at: 5)
            try db.recordOverride(athlete: alice, day: d1, coach: bob, at: 6, kind: .override, workout: WorkoutSpec(type: .rest))
            // Erik's data must not leak into Alice's history; a rejected check-in is not history.
            try db.saveCheckin(athlete: erik, record: DailyRecord(day: d0, metrics: Metrics(hrvMs: 40)), receivedAt: 1,
                               messageID: nil, rawText: "hrv 40", parsedJSON: "{}", parserVersion: "1")
            try db.saveRejectedCheckin(athlete: erik, day: d1, receivedAt: 2, messageID: nil, rawText: "hrv 9999",
                                       reason: "HRV out of range", parserVersion: "1")
        }
        let h = try store.history(athlete: alice, from: day.adding(days: -60), to: day)
        #expect(h.map(\.day) == [d0, d1])
        let expected0 = DailyRecord(
            day: d0,
            metrics: Metrics(hrvMs: 61, rhrBpm: 47, sleepHours: 7.5, sleepQuality: Score(value: 4, outOf: 5),
                             fatigue: Score(value: Score(value: 7, outOf: 10).onFivePointScale, outOf: 5)),
            soreness: r0.soreness, pain: r0.pain, illness: r0.illness,
            sessions: [LoggedSession(minutes: 30, km: 5, rpe: 3), LoggedSession(minutes: 20, rpe: 5, isRun: false)],
            decision: .reduceIntensity)
        #expect(h[0] == expected0)
        #expect(h[1] == DailyRecord(day: d1, sessions: [LoggedSession(minutes: 50, rpe: 6)], decision: .rest))

        // Window bounds are inclusive and exclusive of other days.
        #expect(try store.history(athlete: alice, from: d1, to: d1).map(\.day) == [d1])

        // Coach approve after the override: the assessment (none on d1) stands; keep → as planned.
        try store.write { db in
            try db.recordOverride(athlete: alice, day: d0, coach: bob, at: 10, kind: .keep)
        }
        #expect(try store.history(athlete: alice, from: d0, to: d0).first?.decision == .asPlanned)
        try store.write { db in
            try db.recordOverride(athlete: alice, day: d0, coach: bob, at: 11, kind: .approve)
        }
        #expect(try store.history(athlete: alice, from: d0, to: d0).first?.decision == .reduceIntensity)

        let all = try store.histories(athletes: [alice, erik, 999], from: day.adding(days: -60), to: day)
        #expect(all[alice] == (try store.history(athlete: alice, from: day.adding(days: -60), to: day)))
        #expect(all[erik]?.map(\.metrics.hrvMs) == [40])
        #expect(all[999] == [])
    }

    @Test func secondCheckinReplacesTheFirstAndUndoDeletesIt() throws {
        let dir = TempDir()
        let (store, _, alice, _) = try Fixture.team(dir)
        let first = try store.write { db in
            try db.saveCheckin(athlete: alice, record: DailyRecord(day: day, metrics: Metrics(hrvMs: 50), pain: [Pain(location: .knee)]),
                               receivedAt: 1, messageID: "$1", rawText: "hrv 50 knee pain", parsedJSON: "{}", parserVersion: "1")
        }
        #expect(first.isUpdate == false && first.revision == 1)
        let second = try store.write { db in
            try db.saveCheckin(athlete: alice, record: DailyRecord(day: day, metrics: Metrics(hrvMs: 52), illness: [.cough]),
                               receivedAt: 2, messageID: "$2", rawText: "hrv 52 cough", parsedJSON: "{}", parserVersion: "1")
        }
        #expect(second == CheckinSaveResult(id: first.id, isUpdate: true, revision: 2))
        // A rejected message does not replace an accepted check-in.
        let rejected = try store.write { db in
            try db.saveRejectedCheckin(athlete: alice, day: day, receivedAt: 3, messageID: "$3", rawText: "hrv lots",
                                       reason: "no number", parserVersion: "1")
        }
        #expect(rejected == CheckinSaveResult(id: first.id, isUpdate: false, revision: 2))
        let h = try store.history(athlete: alice, from: day, to: day)
        #expect(h == [DailyRecord(day: day, metrics: Metrics(hrvMs: 52), illness: [.cough])])

        try store.write { db in
            try db.logSession(athlete: alice, day: day, session: LoggedSession(minutes: 30), rawText: "a", at: 5)
            try db.logSession(athlete: alice, day: day, session: LoggedSession(minutes: 40), rawText: "b", at: 6)
        }
        #expect(try store.write { try $0.deleteLastSession(athlete: alice, day: day) } == LoggedSession(minutes: 40))
        #expect(try store.write { try $0.deleteCheckin(athlete: alice, day: day) })
        #expect(try store.write { try $0.deleteCheckin(athlete: alice, day: day) } == false)
        #expect(try store.history(athlete: alice, from: day, to: day) == [DailyRecord(day: day, sessions: [LoggedSession(minutes: 30)])])
        #expect(try store.read { try $0.teamSetting("x") } == nil)
    }

    @Test func missingCheckinsAndTeamView() throws {
        let dir = TempDir()
        let (store, bob, alice, erik) = try Fixture.team(dir)
        try store.write { db in
            let maja = try db.upsertPerson(handle: "maja", displayName: "Maja Ek", role: .athlete, at: 1)
            let s = try db.saveCheckin(athlete: alice, record: DailyRecord(day: day, metrics: Metrics(hrvMs: 60)), receivedAt: 1,
                                       messageID: nil, rawText: "hrv 60", parsedJSON: "{}", parserVersion: "1")
            try db.saveAssessment(Assessment(athleteID: alice, day: day, checkinID: s.id, score: 35, band: .red, decision: .rest,
                                             reasons: ["HRV"], workout: nil, ruleVersion: "1", createdAt: 2))
            try db.recordOverride(athlete: alice, day: day, coach: bob, at: 3, kind: .override,
                                  workout: WorkoutSpec(type: .easy, minutes: 40))
            try db.saveRejectedCheckin(athlete: maja.id, day: day, receivedAt: 1, messageID: nil, rawText: "??",
                                       reason: "nothing usable", parserVersion: "1")
            // Yesterday's check-in does not count today.
            try db.saveCheckin(athlete: erik, record: DailyRecord(day: day.adding(days: -1), metrics: Metrics(hrvMs: 50)),
                               receivedAt: 1, messageID: nil, rawText: "hrv 50", parsedJSON: "{}", parserVersion: "1")
        }
        #expect(try store.read { try $0.missingCheckins(day: day) }.map(\.handle) == ["erik", "maja"])
        let team = try store.read { try $0.teamView(day: day) }
        #expect(team.map(\.athlete.handle) == ["alice", "erik", "maja"])
        #expect(team[0].checkedIn && team[0].band == .red && team[0].score == 35 && team[0].decision == .easyAerobic)
        #expect(!team[1].checkedIn && team[1].decision == nil)
        #expect(!team[2].checkedIn)
        #expect(try store.read { try $0.overrideWorkout(athlete: alice, day: day) } == WorkoutSpec(type: .easy, minutes: 40))
    }

    @Test func peopleAlertsSyncAndOutbox() throws {
        let dir = TempDir()
        let (store, bob, alice, _) = try Fixture.team(dir)
        try store.write { db in
            #expect(try db.findPerson(Identity(network: "matrix", address: "@alice:example.org"))?.id == alice)
            #expect(try db.findPerson(handle: "ALICE")?.displayName == "Alice Berg")
            #expect(try db.roster(role: .athlete).map(\.handle) == ["alice", "erik"])
            #expect(try db.roster().count == 3)
            // Upsert keeps the id and created_at, updates the name.
            let again = try db.upsertPerson(handle: "alice", displayName: "Alice B.", role: .athlete, at: 99)
            #expect(again.id == alice && again.createdAt == 1 && again.displayName == "Alice B.")
            try db.setTeamSetting("checkin_deadline", "09:00")
            #expect(try db.teamSetting("checkin_deadline") == "09:00")
            let room = try db.upsertRoom(network: "matrix", roomID: "!c:x", kind: .coaches, person: nil)
            #expect(try db.rooms(kind: .coaches) == [room])

            try db.recordAlert(athlete: alice, day: day, at: 1, kind: "hrv", reasons: ["HRV low 3 days"])
            #expect(try db.openAlerts(day: day).map(\.reasons) == [["HRV low 3 days"]])
            #expect(try db.answerAlerts(athlete: alice, day: day, by: bob, at: 2) == 1)
            #expect(try db.openAlerts(day: day).isEmpty)
            #expect(try db.alerts(athlete: alice, day: day).first?.answeredBy == bob)
            try db.addNote(athlete: alice, coach: bob, at: 3, text: "easy week")
            #expect(try db.notes(athlete: alice).map(\.text) == ["easy week"])

            #expect(try db.syncValue("since") == nil)
            try db.setSyncValue("since", "s1")
            try db.setSyncValue("since", "s2")
            #expect(try db.syncValue("since") == "s2")
            #expect(try db.markProcessed(eventID: "$e", at: 1))
            #expect(try db.markProcessed(eventID: "$e", at: 2) == false)
            #expect(try db.isProcessed(eventID: "$e"))

            let id = try db.enqueueOutbox(txnID: "t1", roomID: "!a:x", body: "hello", html: "<b>hello</b>", at: 1)
            #expect(try db.enqueueOutbox(txnID: "t1", roomID: "!a:x", body: "dup", at: 2) == id)
            try db.markOutboxAttemptFailed(id: id, error: "timeout")
            let pending = try db.pendingOutbox()
            #expect(pending.count == 1 && pending[0].attempts == 1 && pending[0].lastError == "timeout" && pending[0].body == "hello")
            try db.markOutboxSent(id: id, at: 5)
            #expect(try db.pendingOutbox().isEmpty)
        }
    }

    /// Correctness of the bulk-loaded team the `bench assess` benchmark uses (speed is measured
    /// there, never in a test).
    @Test func historyAndHistoriesReadABulkLoadedTeam() throws {
        let dir = TempDir()
        let store = try CoachStore(path: dir.path("bench.sqlite"))
        let records = DemoTeam.make(today: day).athletes[0].history
        let ids = try store.write { db in
            let ids = try db.insertSyntheticAthletes(count: 200, at: 0)
            try db.bulkInsertHistory(athleteIDs: ids, records: records)
            return ids
        }
        let target = ids[137]
        _ = try store.history(athlete: target, from: day.adding(days: -60), to: day)
        let count = try store.read { db in try db.history(athlete: target, from: day.adding(days: -60), to: day).count }
        #expect(count == records.filter { !$0.metrics.isEmpty || !$0.sessions.isEmpty || $0.decision != nil }.count)
        let many = try store.histories(athletes: Array(ids.prefix(50)), from: day.adding(days: -60), to: day)
        #expect(many.count == 50 && many[target] == nil && many[ids[0]]?.count == count)
    }
}
