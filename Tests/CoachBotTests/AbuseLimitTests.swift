import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import Testing

/// More than 20 messages a minute: one "slow down", then silence until the minute is over; the
/// messages are still handled (check-ins stored, coaches alerted).
@Suite struct AbuseLimitTests {
    @Test func theTwentyFirstMessageGetsSlowDownAndTheRestNothingUntilTheMinuteEnds() throws {
        let team = try RolesTests.Team()
        try team.store.write { db in _ = try db.upsertRoom(network: "matrix", roomID: "!coaches:x", kind: .coaches, person: nil) }
        let start = team.time
        var answers: [[String]] = []
        var alertsToCoaches: [Int] = []
        for i in 1...25 {
            team.time = start + Double(i) * 2 - 60 // say() adds 60 s: messages 2 s apart
            let text = i == 24 ? "fever 39.5, chest pain" : "hrv \(40 + i) sleep 7"
            let out = try team.bot.handle(IncomingMessage(network: "matrix", room: "!alice:x", sender: "@alice:x", text: text,
                                                          messageID: "$a\(i)", time: team.time + 60))
            answers.append(out.filter { $0.room == "!alice:x" }.map(\.text))
            alertsToCoaches.append(out.filter { $0.room == "!coaches:x" }.count)
        }
        #expect(answers.prefix(20).allSatisfy { $0.count == 1 })
        #expect(answers[20].count == 1)
        #expect(answers[20].first?.hasPrefix("Please slow down") == true)
        #expect(answers.suffix(4).allSatisfy { $0.isEmpty })
        // Silenced messages were still handled: the fever reached the coaches, the last values were stored.
        #expect(alertsToCoaches[23] >= 1, "the fever in message 24 was not passed on: \(alertsToCoaches)")
        let stored = try team.store.read { db in try String.fetchAll(db, sql: "SELECT raw_text FROM checkins") }
        #expect(stored.joined(separator: "\n").contains("hrv 65"))
        // A minute after the window began, she is answered again, and only the first time warned.
        team.time = start + 2 + 60 - 60
        let again = try team.bot.handle(IncomingMessage(network: "matrix", room: "!alice:x", sender: "@alice:x", text: "status",
                                                        messageID: "$b", time: start + 2 + 60))
        #expect(again.filter { $0.room == "!alice:x" }.count == 1)
        #expect(!(again.first?.text.hasPrefix("Please slow down") ?? true))
    }

    @Test func theWindowDecisionOnItsOwn() throws {
        let team = try RolesTests.Team()
        let decisions = try team.store.write { db in
            try (0..<5).map { try db.countMessage(network: "t", address: "x", at: Double($0), limit: 2) }
                + [try db.countMessage(network: "t", address: "x", at: 60, limit: 2), try db.countMessage(network: "t", address: "y", at: 1, limit: 2)]
        }
        #expect(decisions == [.answer, .answer, .warn, .silent, .silent, .answer, .answer])
    }
}
