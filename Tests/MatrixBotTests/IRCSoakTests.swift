import CoachStore
import Foundation
import HTTPClient
import IRCTransport
import Synchronization
import MatrixTransport
import Testing

/// Exactly once on IRC with the bot killed and the server restarted, and one history for a
/// person on Matrix and IRC at once.
@Suite(.serialized, .enabled(if: DevIRCd.load() != nil, "needs COACHBOT_IRC_CONFIG from deploy/dev-ircd"),
       .timeLimit(.minutes(8)))
struct IRCSoakTests {
    let env = DevIRCd.load()

    struct Tally: CustomStringConvertible {
        var sent = 0, refused = 0, answered = 0, inFlightAtKill = 0, duplicates = 0, lost = 0
        var description: String {
            "sent \(sent), refused by the server while the bot was down \(refused), answered \(answered), "
                + "sent within 50 ms of a kill and not answered \(inFlightAtKill), duplicates = \(duplicates), lost = \(lost)"
        }
    }

    /// Each check-in reply has exactly one line with the readiness figure.
    static func answers(_ p: IRCPerson, bot: String) -> Int {
        p.messages(from: bot).filter { ($0.params.last ?? "").contains("Readiness") }.count
    }

    /// 401 No such nick for the bot: the server refused a message because the bot was not there.
    static func refusals(_ p: IRCPerson, bot: String) -> Int {
        p.lines("401").filter { $0.params.count > 1 && $0.params[1].lowercased() == bot.lowercased() }.count
    }

    /// `atKill[i]`: how many of person i's messages were sent within 50 ms of a SIGKILL, before
    /// it (the bot may have read them and not committed them yet) or after it (the server writes
    /// them into the dead connection until it notices it closed). IRC replays no private
    /// messages, so those are lost for good: they are counted apart, never as answered.
    func tally(_ people: [IRCPerson], sent: [Int], bot: String, atKill: [Int]? = nil) -> Tally {
        var t = Tally()
        for (i, (p, s)) in zip(people, sent).enumerated() {
            let refused = Self.refusals(p, bot: bot), answered = Self.answers(p, bot: bot)
            let unanswered = max(0, (s - refused) - answered)
            let ambiguous = min(unanswered, atKill?[i] ?? 0)
            t.sent += s
            t.refused += refused
            t.answered += answered
            t.inFlightAtKill += ambiguous
            t.duplicates += max(0, answered - (s - refused))
            t.lost += unanswered - ambiguous
        }
        return t
    }

    func waitQuiet(_ people: [IRCPerson], sent: [Int], bot: String, atKill: [Int]? = nil, timeout: Duration) async {
        _ = await eventually(timeout) {
            let t = tally(people, sent: sent, bot: bot, atKill: atKill)
            return t.lost == 0
        }
        try? await Task.sleep(for: .seconds(3))  // a late duplicate would show up now
    }

    @Test func everyDeliveredCheckinIsAnsweredOnceWhileTheBotIsKilledAtRandom() async throws {
        let env = try #require(env)
        let bot = BotProcess(config: try env.fastConfig(), database: temporaryDatabase())
        try bot.start()
        try #require(await eventually(.seconds(60)) { bot.cursor("irc") != nil })
        var people: [IRCPerson] = []
        defer { people.forEach { $0.quit() } }  // also those connected before a failure
        for account in env.athletes.prefix(10) { people.append(try await IRCPerson.connect(env, nick: account, account: account, fast: true)) }
        let kills = Mutex<[ContinuousClock.Instant]>([])
        let chaos = Task {
            for _ in 0..<10 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...1_500)))
                kills.withLock { $0.append(.now) }
                bot.kill()
                try await Task.sleep(for: .milliseconds(Int.random(in: 100...700)))
                try bot.start()
            }
        }
        var sent = Array(repeating: 0, count: people.count)
        var sentAt: [(person: Int, at: ContinuousClock.Instant)] = []
        for i in 0..<200 {
            sentAt.append((i % people.count, .now))
            people[i % people.count].send("hrv \(45 + i % 25) sleep \(6 + i % 3) #\(i)", to: env.botNick)
            sent[i % people.count] += 1
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...80)))
        }
        try await chaos.value
        if !bot.isRunning { try bot.start() }
        let killTimes = kills.withLock { $0 }
        var atKill = Array(repeating: 0, count: people.count)
        for (person, at) in sentAt where killTimes.contains(where: { at - $0 < .milliseconds(50) && $0 - at < .milliseconds(50) }) { atKill[person] += 1 }
        await waitQuiet(people, sent: sent, bot: env.botNick, atKill: atKill, timeout: .seconds(120))
        let t = tally(people, sent: sent, bot: env.botNick, atKill: atKill)
        // Where a loss happened: replies the bot recorded as sent but nobody got went missing on
        // the way out; otherwise a check-in never reached the database.
        let recorded = try bot.query { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE network = 'irc' AND body LIKE '%Readiness%' AND sent_at IS NOT NULL") ?? 0
        }
        print("irc soak, bot SIGKILLed \(bot.starts - 1) times: \(t); replies recorded as sent \(recorded)")
        #expect(bot.starts >= 11)
        #expect(t.sent == 200 && t.duplicates == 0 && t.lost == 0)
        #expect(t.answered > 0)
        #expect(bot.stop() == 0, "SIGTERM stops the daemon cleanly")
    }

    @Test func everyCheckinIsAnsweredOnceAcrossAServerRestart() async throws {
        let env = try #require(env)
        let bot = BotProcess(config: try env.fastConfig(), database: temporaryDatabase())
        try bot.start()
        defer { _ = bot.stop() }
        try #require(await eventually(.seconds(60)) { bot.cursor("irc") != nil })
        var totals = Tally()
        for phase in 0..<2 {
            var people: [IRCPerson] = []
            for account in env.athletes.prefix(5) { people.append(try await IRCPerson.connect(env, nick: account, account: account, fast: true)) }
            var sent = Array(repeating: 0, count: people.count)
            for i in 0..<20 {
                people[i % people.count].send("hrv \(50 + i) sleep 7 phase \(phase)", to: env.botNick)
                sent[i % people.count] += 1
                try await Task.sleep(for: .milliseconds(50))
            }
            await waitQuiet(people, sent: sent, bot: env.botNick, timeout: .seconds(90))
            let t = tally(people, sent: sent, bot: env.botNick)
            totals.sent += t.sent; totals.refused += t.refused; totals.answered += t.answered
            totals.duplicates += t.duplicates; totals.lost += t.lost
            people.forEach { $0.quit() }
            if phase == 0 {
                try DevIRCd.script(["restart"])  // every connection is closed; the bot reconnects with back-off
                try #require(await eventually(.seconds(90)) { bot.logCount("irc registered") >= 2 }, "the bot reconnected")
            }
        }
        print("irc soak, server restarted: \(totals)")
        #expect(totals.sent == 40 && totals.duplicates == 0 && totals.lost == 0 && totals.answered == 40 - totals.refused)
    }

    @Test func oneAthleteOnMatrixAndIRCHasOneHistory() async throws {
        let irc = try #require(env)
        let matrix = try #require(DevHomeserver.load(), "needs the dev homeserver too")
        // One config: [matrix] and the roster from the homeserver's, [irc] from the IRC server's,
        // and alice with both addresses.
        let matrixText = try String(contentsOfFile: matrix.configPath, encoding: .utf8)
        let ircText = try String(contentsOfFile: try irc.fastConfig(), encoding: .utf8)
        let ircSection = try #require(ircText.range(of: "[irc]").map { String(ircText[$0.lowerBound...]) }?.components(separatedBy: "[[people]]").first)
        let firstPerson = try #require(matrixText.range(of: "[[people]]"))
        let combined = String(matrixText[..<firstPerson.lowerBound]) + ircSection + "\n" + String(matrixText[firstPerson.lowerBound...])
            .replacingOccurrences(of: "matrix = \"@alice:localhost\"", with: "matrix = \"@alice:localhost\"\nirc = \"alice\"")
        let path = temporaryDatabase() + ".toml"
        try combined.write(toFile: path, atomically: true, encoding: .utf8)
        let bot = BotProcess(config: path, database: temporaryDatabase())
        try bot.start()
        defer { _ = bot.stop() }
        try #require(await eventually(.seconds(60)) { bot.cursor("irc") != nil && bot.cursor("matrix") != nil }, "on both networks")

        let http = HTTPClient()
        let alice = try await Person.login(matrix.athletes[0], homeserver: matrix.homeserver, http: http)
        let room = try #require(alice.account.room)
        let start = try await alice.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch
        _ = try await alice.client.send(roomID: room, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: "hrv 61 sleep 8 rhr 44"))
        #expect(await eventually(.seconds(30)) {
            ((try? await alice.events(in: room, after: start)) ?? []).contains { $0.sender == matrix.botUser && ($0.body ?? "").contains("Readiness") }
        }, "answered on Matrix")

        let onIRC = try await IRCPerson.connect(irc, nick: "alice", account: "alice", fast: true)
        defer { onIRC.quit() }
        onIRC.send("status", to: irc.botNick)
        _ = await eventually(.seconds(30)) { !onIRC.messages(from: irc.botNick).isEmpty }
        try await Task.sleep(for: .seconds(2))
        let status = onIRC.messages(from: irc.botNick).map { $0.params.last ?? "" }.joined(separator: "\n")
        print("matrix + irc: status on IRC after a check-in on Matrix:\n\(status)")
        #expect(status.contains("61"), "IRC shows the HRV checked in on Matrix")
        let people = try bot.query { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM people WHERE handle = 'alice'") }
        #expect(people == 1)
    }
}
