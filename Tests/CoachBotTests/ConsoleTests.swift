import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import Testing

/// The console (issue 15): a person speaks only where they could on a real network, and a console
/// started after the check-in deadline sends the day's missed-check-in alert once.
@Suite struct ConsoleTests {
    func makeConsole(now: Double) throws -> (Console, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try CoachStore(path: dir.appendingPathComponent("bot.sqlite").path)
        try store.write { db in
            try db.setTeamSetting(Bot.Setting.timeZone, "UTC")
            _ = try db.upsertPerson(handle: "alice", displayName: "Alice Berg", role: .athlete, identity: Identity(network: "x", address: "alice"), at: 0)
            _ = try db.upsertPerson(handle: "erik", displayName: "Erik Sund", role: .athlete, identity: Identity(network: "x", address: "erik"), at: 0)
            _ = try db.upsertPerson(handle: "bob", displayName: "Bob Lind", role: .coach, identity: Identity(network: "x", address: "bob"), at: 0)
        }
        return (try Console(bot: Bot(store: store, parser: Fixtures.parser), now: now), dir)
    }

    static let monday0630 = 1_772_433_000.0  // 2026-03-02 06:30 UTC
    static let monday1115 = 1_772_450_100.0  // 2026-03-02 11:15 UTC

    @Test func anAthleteCannotPostInAnotherAthletesRoom() throws {
        let (console, dir) = try makeConsole(now: Self.monday0630)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try console.input("/as alice", now: Self.monday0630)
        let refused = try console.input("/room erik", now: Self.monday0630) ?? ""
        #expect(refused.contains("cannot post in erik's room"))
        #expect(try console.input("/room coaches", now: Self.monday0630)?.contains("Only coaches") == true)
        let out = try console.input("hrv 60 sleep 7.5", now: Self.monday0630) ?? ""
        #expect(out.hasPrefix("[alice]"))
        _ = try console.input("/as bob", now: Self.monday0630)
        #expect(try console.input("/room coaches", now: Self.monday0630) == "Now in room coaches.")
    }

    @Test func aLateStartSendsTheMissedCheckinAlertOnce() throws {
        let (console, dir) = try makeConsole(now: Self.monday1115)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try console.tick(now: Self.monday1115 + 60)
        #expect(first.contains("[coaches]") && first.contains("Missed check-in") && first.contains("Alice Berg"))
        let again = try console.tick(now: Self.monday1115 + 3_600)
        #expect(!again.contains("Missed check-in"))
    }

    @Test func anEarlyStartSendsNothingBeforeTheDeadline() throws {
        let (console, dir) = try makeConsole(now: Self.monday0630)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try console.tick(now: Self.monday0630 + 60).isEmpty)
    }
}
