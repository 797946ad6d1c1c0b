import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import Testing

/// The promises every conversation keeps, checked over many generated messages on a real
/// SQLite file: every message from a person gets exactly one reply, in its room; nothing an
/// athlete or stranger is sent names another athlete or their data.
@Suite struct InvariantTests {
    static let athletes = ["alice": "Alice Berg", "erik": "Erik Sund", "maja": "Maja Ek"]

    func makeBot() throws -> (Bot, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-invariants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try CoachStore(path: dir.appendingPathComponent("bot.sqlite").path)
        try store.write { db in
            try db.setTeamSetting(Bot.Setting.timeZone, "Europe/Stockholm")
            _ = try db.upsertRoom(network: "t", roomID: "coaches", kind: .coaches, person: nil)
            for (handle, name) in Self.athletes {
                let p = try db.upsertPerson(handle: handle, displayName: name, role: .athlete, identity: Identity(network: "t", address: handle), at: 0)
                _ = try db.upsertRoom(network: "t", roomID: handle, kind: .athleteDirect, person: p.id)
            }
            let bob = try db.upsertPerson(handle: "bob", displayName: "Bob Lind", role: .coach, identity: Identity(network: "t", address: "bob"), at: 0)
            _ = try db.upsertRoom(network: "t", roomID: "bob", kind: .coachDirect, person: bob.id)
        }
        return (Bot(store: store, parser: Fixtures.parser), dir)
    }

    static let athleteTexts = [
        "hrv 52 sleep 7 sore legs", "rhr 48, slept 6h badly, left achilles 6/10", "fever 38.5", "limping", "today", "tomorrow",
        "week", "status", "undo", "help", "lol", "done 10k easy 52min rpe 4", "hrv 900", "override erik rest", "team",
        "trend maja", "missing", "note erik hi", "sov 7 timmar, ont i knät 4/10", "", "🏃", "what's erik doing?", "approve maja",
    ]
    static let coachTexts = [
        "team", "missing", "override alice easy 40min", "approve erik", "keep maja", "trend alice", "note maja sore", "plan erik +1d easy 45min",
        "override zed rest", "hello", "hrv 50", "help",
    ]

    @Test func everyMessageGetsExactlyOneReplyInItsRoomAndAthletesSeeOnlyTheirOwnData() throws {
        let (bot, dir) = try makeBot()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SystemRandomNumberGenerator()
        var time = 1_772_431_200.0  // 2026-03-02 06:00 UTC
        for i in 0..<600 {
            time += Double(Int.random(in: 60...3_600, using: &rng))
            let kind = i % 5
            let (sender, room, text): (String, String, String)
            switch kind {
            case 0, 1, 2:
                let a = Self.athletes.keys.sorted()[i % 3]
                (sender, room, text) = (a, a, Self.athleteTexts.randomElement(using: &rng) ?? "")
            case 3:
                (sender, room, text) = ("bob", i % 2 == 0 ? "coaches" : "bob", Self.coachTexts.randomElement(using: &rng) ?? "")
            default:
                (sender, room, text) = ("mallory", "mallory", Self.athleteTexts.randomElement(using: &rng) ?? "")
            }
            let out = try bot.handle(IncomingMessage(network: "t", room: room, sender: sender, text: text, messageID: "m\(i)", time: time))
            let replies = out.filter { $0.replyTo == "m\(i)" }
            // A stranger is answered at most once an hour (Bot.strangerInterval); everyone else every time.
            if sender == "mallory" {
                #expect(replies.count <= 1, "\(sender): “\(text)” got \(replies.count) replies")
                #expect(replies.allSatisfy { $0.room == room })
            } else {
                #expect(replies.count == 1, "\(sender): “\(text)” got \(replies.count) replies")
                #expect(replies.first?.room == room)
            }
            for m in out {
                // Athletes' rooms never name another athlete; strangers never hear a name.
                if let owner = Self.athletes[m.room] {
                    for (other, name) in Self.athletes where other != m.room {
                        #expect(!m.text.contains(name), "\(m.room) was sent \(other)'s name: \(m.text)")
                    }
                    _ = owner
                }
                if m.room == "mallory" {
                    for name in Self.athletes.values { #expect(!m.text.contains(name)) }
                    #expect(!m.text.contains("Bob"))
                }
                // Nothing else goes anywhere but the sender's room, the coaches' room, or an athlete a coach acted on.
                #expect(m.room == room || m.room == "coaches" || (sender == "bob" && Self.athletes[m.room] != nil))
            }
        }
    }

    @Test func strangersLearnNothingWhateverTheyAsk() throws {
        let (bot, dir) = try makeBot()
        defer { try? FileManager.default.removeItem(at: dir) }
        var texts = Set<String>()
        for (i, text) in (Self.athleteTexts + Self.coachTexts).enumerated() {
            // A stranger is answered at most once an hour: one message an hour apart each.
            let out = try bot.handle(IncomingMessage(network: "t", room: "x", sender: "mallory", text: text, messageID: "s\(i)",
                                                     time: 1_772_431_200 + Double(i) * 3600))
            #expect(out.count == 1)
            let again = try bot.handle(IncomingMessage(network: "t", room: "x", sender: "mallory", text: text, messageID: "s\(i)b",
                                                       time: 1_772_431_200 + Double(i) * 3600 + 3599))
            #expect(again.isEmpty, "a stranger answered twice within the hour")
            texts.insert(out.first?.text ?? "")
        }
        #expect(texts.count == 1, "a stranger's reply depends on what they asked")
    }

    @Test func aRejectedCheckinKeepsOnlyTheRawText() throws {
        let (bot, dir) = try makeBot()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try bot.handle(IncomingMessage(network: "t", room: "alice", sender: "alice", text: "hrv 900 sleep 30h achilles pain 14/10", messageID: "r", time: 1_772_431_200))
        let reply = try #require(out.first?.text)
        #expect(reply.contains("HRV 900 ms") && reply.contains("sleep 30 h") && reply.contains("achilles pain 14/10"))
        let alice = try #require(try bot.store.read { db in try db.findPerson(handle: "alice") })
        let history = try bot.store.read { db in try db.history(athlete: alice.id, from: Day(ordinal: 0), to: Day(ordinal: 100_000)) }
        #expect(history.allSatisfy { $0.metrics.isEmpty && $0.pain.isEmpty })
        let rows = try bot.store.dump().filter { $0.contains("hrv 900 sleep 30h achilles pain 14/10") }
        #expect(rows.count == 1)
        let painRows = try bot.store.dump().filter { $0.hasPrefix("pain_reports") }
        #expect(painRows.isEmpty)
    }
}
