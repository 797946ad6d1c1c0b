import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import Testing

/// Least access by role: a coach sees their own athletes (everyone when they have none), an admin
/// changes the roster and sees no health data, a removed person gets no answers.
@Suite struct RolesTests {
    static let config = """
        [team]
        time_zone = "UTC"
        [[people]]
        handle = "bob"
        role = "coach"
        matrix = "@bob:x"
        [[people]]
        handle = "dana"
        role = "coach"
        matrix = "@dana:x"
        [[people]]
        handle = "carl"
        role = "admin"
        matrix = "@carl:x"
        [[people]]
        handle = "alice"
        display_name = "Alice Berg"
        role = "athlete"
        matrix = "@alice:x"
        irc = "alice_irc"
        coach = "bob"
        [[people]]
        handle = "erik"
        display_name = "Erik Sund"
        role = "athlete"
        matrix = "@erik:x"
        """

    final class Team {
        let bot: Bot
        let store: CoachStore
        let dir: URL
        var time = 1_772_438_400.0 // 2026-03-02 08:00 UTC
        var n = 0

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-roles-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            store = try CoachStore(path: dir.appendingPathComponent("bot.sqlite").path)
            let config = try TeamConfig(toml: RolesTests.config)
            try store.write { db in try config.apply(to: db, at: 0) }
            bot = Bot(store: store, parser: Fixtures.parser)
        }

        deinit { try? FileManager.default.removeItem(at: dir) }

        /// What the bot answers `handle` writing `text` in their direct room.
        func say(_ handle: String, _ text: String) throws -> [String] {
            n += 1
            time += 60
            return try bot.handle(IncomingMessage(network: "matrix", room: "!\(handle):x", sender: "@\(handle):x", text: text,
                                                  messageID: "$m\(n)", time: time)).map(\.text)
        }
    }

    @Test func aCoachSeesOnlyTheirOwnAthletesAndAnUnassignedCoachSeesEveryone() throws {
        let team = try Team()
        _ = try team.say("alice", "hrv 52 sleep 7 sore legs")
        _ = try team.say("erik", "hrv 61 sleep 8")
        let bobTeam = try team.say("bob", "team").joined()
        #expect(bobTeam.contains("Alice Berg"))
        #expect(!bobTeam.contains("Erik Sund"))
        let bobTrend = try team.say("bob", "trend erik").joined()
        #expect(bobTrend.contains("I don't know an athlete called “erik”"))
        #expect(!bobTrend.contains("Erik Sund"))
        #expect(try team.say("bob", "override erik rest").joined().contains("I don't know an athlete"))
        #expect(try team.say("bob", "trend alice").joined().contains("Alice"))
        // Dana coaches no one by name, so she coaches everyone.
        let danaTeam = try team.say("dana", "team").joined()
        #expect(danaTeam.contains("Alice Berg") && danaTeam.contains("Erik Sund"))
        #expect(try team.say("dana", "missing").joined().contains("Everyone has checked in"))
        // The refused look at erik left no audit row; the allowed ones did.
        let audit = try team.store.read { try $0.auditEntries(athlete: "erik") }
        #expect(audit.map(\.actor) == ["dana"])
        #expect(try team.store.read { try $0.auditEntries(athlete: "alice") }.map(\.action) == ["team", "trend", "team"])
    }

    @Test func anAdminChangesTheRosterAndSeesNoHealthData() throws {
        let team = try Team()
        _ = try team.say("alice", "hrv 52 sleep 7, left achilles 4/10")
        let help = try team.say("carl", "help").joined()
        #expect(help.hasPrefix("Admin commands"))
        for text in ["team", "trend alice", "missing", "status", "override alice rest", "note alice x"] {
            // Every health command gets the same fixed help: nothing about anyone's data.
            #expect(try team.say("carl", text).joined() == help, "\(text)")
        }
        #expect(try team.say("carl", #"add athlete maja "Maja Ek" matrix=@maja:x coach=dana"#) == ["Added athlete maja (coached by dana)."])
        let roster = try team.say("carl", "roster").joined()
        #expect(roster.contains("maja · Maja Ek · athlete · coach dana · matrix @maja:x"))
        #expect(roster.contains("alice · Alice Berg · athlete · coach bob"))
        // Now dana has an athlete of her own, so she sees only maja.
        #expect(!(try team.say("dana", "team").joined().contains("Alice")))
        #expect(try team.say("maja", "hrv 50 sleep 7").count == 1)

        // remove: no more answers; forget needs confirm, then erases.
        #expect(try team.say("carl", "remove alice").joined().hasPrefix("Removed alice"))
        #expect(try team.say("alice", "hrv 40").isEmpty)
        #expect(try team.say("carl", "forget alice").joined().contains("forget alice confirm"))
        #expect(try team.store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM checkins WHERE athlete_id = (SELECT id FROM people WHERE handle = 'alice')") } == 1)
        #expect(try team.say("carl", "forget alice confirm").joined().hasPrefix("Forgot alice"))
        try team.store.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM checkins WHERE athlete_id = (SELECT id FROM people WHERE handle = 'alice')") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pain_reports") == 0)
            let actions = try db.auditEntries(athlete: "alice").map(\.action)
            #expect(actions == ["roster.remove", "roster.forget"])
            #expect(AuditChain.verify(try db.auditEntries()) == nil)
        }
    }

    @Test func exportHasEveryRowAboutThePersonAndNoOneElse() throws {
        let team = try Team()
        _ = try team.say("alice", "hrv 52 sleep 7")
        _ = try team.say("erik", "hrv 61 sleep 8")
        let json = try team.store.read { db in try db.exportJSON(person: try #require(try db.findPerson(handle: "alice"))) }
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let checkins = object?["checkins"] as? [[String: Any]]
        #expect(checkins?.count == 1)
        let addresses = (object?["identities"] as? [[String: Any]])?.compactMap { $0["address"] as? String }
        #expect(addresses == ["alice_irc", "@alice:x"])
        #expect(!json.contains("@erik:x"))
    }
}
