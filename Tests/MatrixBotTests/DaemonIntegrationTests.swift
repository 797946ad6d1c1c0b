import CoachCore
import Foundation
import HTTPClient
import MatrixBot
import MatrixTransport
import Testing

/// The whole product on a real Synapse: the `coachbot` executable as a daemon, athletes and a
/// coach as Matrix users. Every check-in must end with exactly one reply, however the bot or the
/// homeserver is interrupted.
@Suite(.serialized, .enabled(if: DevHomeserver.load() != nil, "needs COACHBOT_SYNAPSE_CONFIG from deploy/dev-homeserver"),
       .timeLimit(.minutes(5)))
struct DaemonIntegrationTests {
    let env = DevHomeserver.load()

    struct Tally: CustomStringConvertible {
        var sent = 0, answered = 0, duplicates = 0, lost = 0
        var description: String { "sent \(sent), answered \(answered), duplicates = \(duplicates), lost = \(lost)" }
    }

    /// Starts the bot on a fresh database and waits for its first sync (which answers no history).
    func startBot() async throws -> BotProcess {
        let env = try #require(env)
        let bot = BotProcess(config: env.configPath, database: temporaryDatabase())
        try bot.start()
        let ready = await eventually(.seconds(60)) { bot.since() != nil }
        try #require(ready, "the bot made its first sync")
        return bot
    }

    /// Each athlete sends `count` check-ins in turn; `during` runs alongside (killing the bot,
    /// restarting Synapse). Then everything is counted from the rooms' history.
    func run(count: Int, athletes: Int, during: @escaping @Sendable (BotProcess) async throws -> Void) async throws -> (Tally, BotProcess) {
        let env = try #require(env)
        let http = HTTPClient()
        let bot = try await startBot()
        var people: [Person] = []
        var tokens: [String] = []
        for account in env.athletes.prefix(athletes) {
            let p = try await Person.login(account, homeserver: env.homeserver, http: http)
            people.append(p)
            tokens.append(try await p.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch)
        }
        let chaos = Task { try await during(bot) }
        var sent: [String] = []
        for i in 0..<count {
            let who = people[i % people.count]
            let text = "hrv \(45 + i % 25) sleep \(6 + i % 3) #\(i)"
            var delivered = false
            while !delivered {
                do {
                    sent.append(try await who.client.send(roomID: who.account.room ?? "", txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: text)))
                    delivered = true
                } catch {
                    try await Task.sleep(for: .milliseconds(500))  // the homeserver is restarting
                }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...80)))
        }
        try await chaos.value
        if !bot.isRunning { try bot.start() }

        var tally = Tally(sent: sent.count)
        let wanted = Set(sent)
        _ = await eventually(.seconds(120)) {
            var replies: [String: Int] = [:]
            for (p, token) in zip(people, tokens) {
                guard let events = try? await p.events(in: p.account.room ?? "", after: token) else { return false }
                for e in events where e.sender == env.botUser {
                    if let id = e.inReplyTo, wanted.contains(id) { replies[id, default: 0] += 1 }
                }
            }
            tally.answered = replies.count
            tally.duplicates = replies.values.reduce(0) { $0 + max(0, $1 - 1) }
            tally.lost = sent.count - replies.count
            return tally.lost == 0
        }
        try await Task.sleep(for: .seconds(2))  // a late duplicate would show up now
        return (tally, bot)
    }

    @Test func everyCheckinGetsExactlyOneReplyWhileTheBotIsKilledAtRandom() async throws {
        let (tally, bot) = try await run(count: 200, athletes: 10) { bot in
            for _ in 0..<10 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...1_500)))
                bot.kill()
                try await Task.sleep(for: .milliseconds(Int.random(in: 100...700)))
                try bot.start()
            }
        }
        print("matrix soak, bot SIGKILLed \(bot.starts - 1) times: \(tally)")
        #expect(bot.starts >= 11)
        #expect(tally.sent == 200 && tally.answered == 200)
        #expect(tally.duplicates == 0)
        #expect(bot.stop() == 0, "SIGTERM stops the daemon cleanly")
    }

    @Test func everyCheckinGetsExactlyOneReplyAcrossASynapseRestart() async throws {
        let (tally, bot) = try await run(count: 60, athletes: 10) { _ in
            try await Task.sleep(for: .seconds(1))
            try DevHomeserver.script(["restart"])
        }
        print("matrix soak, Synapse restarted: \(tally)")
        #expect(tally.sent == 60 && tally.answered == 60)
        #expect(tally.duplicates == 0)
        _ = bot.stop()
    }

    @Test func everyReplyArrivesWhenTheBotIsRateLimited() async throws {
        try DevHomeserver.script(["ratelimit", "1:2"])
        defer { try? DevHomeserver.script(["ratelimit", "0"]) }
        let (tally, bot) = try await run(count: 30, athletes: 5) { _ in }
        print("matrix soak, bot limited to 1 message/s: \(tally)")
        #expect(tally.sent == 30 && tally.answered == 30)
        #expect(tally.duplicates == 0)
        _ = bot.stop()
    }

    @Test func aCoachOverrideReachesTheAthlete() async throws {
        let env = try #require(env)
        let http = HTTPClient()
        let bot = try await startBot()
        defer { _ = bot.stop() }
        let alice = try await Person.login(env.athletes[0], homeserver: env.homeserver, http: http)
        let coach = try await Person.login(env.coach, homeserver: env.homeserver, http: http)
        let room = try #require(alice.account.room)
        let aliceStart = try await alice.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch
        let coachStart = try await coach.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch

        let checkin = try await alice.client.send(roomID: room, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: "left achilles pain 6/10"))
        var alert: ClientEvent?
        _ = await eventually(.seconds(30)) {
            alert = try? await coach.events(in: env.coachesRoom, after: coachStart).first { $0.sender == env.botUser && ($0.body ?? "").contains("achilles") }
            return alert != nil
        }
        let alertText = try #require(alert?.body, "the coaches' room got an alert")
        #expect(alertText.contains("cross-train") && alertText.contains("override alice"))

        _ = try await coach.client.send(roomID: env.coachesRoom, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: "override alice easy 40min"))
        var notice: ClientEvent?
        _ = await eventually(.seconds(30)) {
            notice = try? await alice.events(in: room, after: aliceStart).first { $0.sender == env.botUser && ($0.body ?? "").contains("changed today's workout") }
            return notice != nil
        }
        let text = try #require(notice?.body, "alice was told about the override")
        #expect(text.contains("easy 40 min"))
        #expect(notice?.content["msgtype"]?.string == "m.notice")
        let reply = try await alice.events(in: room, after: aliceStart).first { $0.inReplyTo == checkin }
        #expect(reply?.content["formatted_body"]?.string?.contains("<b>") == true, "replies carry HTML")
    }
}

extension DaemonIntegrationTests {
    /// An athlete the bot has no room with yet still hears about a coach's override: the bot
    /// opens a direct room, invites them, and the message is waiting there.
    @Test func anOverrideReachesAnAthleteWithoutADirectRoom() async throws {
        let env = try #require(env)
        let http = HTTPClient()
        let athlete = try #require(env.athletes.last)
        // The same config, minus that athlete's direct room.
        let original = try String(contentsOfFile: env.configPath, encoding: .utf8)
        let config = original.replacingOccurrences(of: "direct_room = \"\(athlete.room ?? "")\"\n", with: "")
        #expect(config != original)
        let path = temporaryDatabase() + ".toml"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let bot = BotProcess(config: path, database: temporaryDatabase())
        try bot.start()
        defer { _ = bot.stop() }
        _ = await eventually(.seconds(60)) { bot.since() != nil }

        let person = try await Person.login(athlete, homeserver: env.homeserver, http: http)
        let coach = try await Person.login(env.coach, homeserver: env.homeserver, http: http)
        var since = try await person.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch
        _ = try await coach.client.send(roomID: env.coachesRoom, txnID: MatrixClient.randomTransactionID(),
                                        content: RoomMessageContent(text: "override \(athlete.user) rest"))
        var invited: String?
        _ = await eventually(.seconds(30)) {
            guard let s = try? await person.client.sync(since: since, filterID: nil, timeout: .seconds(2)) else { return false }
            since = s.nextBatch
            invited = s.rooms?.invite?.keys.first ?? invited
            return invited != nil
        }
        let room = try #require(invited, "the bot invited the athlete to a new direct room")
        _ = try await person.client.join(room)
        let notice = try await person.client.messages(roomID: room, from: nil, direction: .backward, limit: 20).chunk
            .first { $0.sender == env.botUser && ($0.body ?? "").contains("changed today's workout") }
        #expect(notice?.body?.contains("rest") == true)
    }
}

