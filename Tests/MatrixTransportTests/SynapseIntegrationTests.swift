import ChatPipeline
import CoachCore
import PipelineTestSupport
import Foundation
import HTTPClient
import TOMLKit
import Testing

@testable import MatrixTransport

/// The config `deploy/dev-homeserver start` writes; the tests run only when
/// `COACHBOT_SYNAPSE_CONFIG` names it (`eval "$(deploy/dev-homeserver env)"`), else they are skipped.
struct SynapseConfig: Sendable {
    var homeserver: String
    var botUser: String
    var botPassword: String
    var alicePassword: String
    var adminPassword: String
    var aliceRoom: String

    static func load() -> SynapseConfig? {
        guard let path = ProcessInfo.processInfo.environment["COACHBOT_SYNAPSE_CONFIG"], !path.isEmpty,
            let text = try? String(contentsOfFile: path, encoding: .utf8),
            let toml = try? TOMLTable(string: text),
            let matrix = toml["matrix"]?.table,
            let homeserver = matrix["homeserver"]?.string, let user = matrix["user"]?.string,
            let password = matrix["password"]?.string,
            let alicePassword = toml["dev"]?.table?["passwords"]?.table?["alice"]?.string,
            let adminPassword = toml["dev"]?.table?["passwords"]?.table?["admin"]?.string,
            let people = toml["people"]?.array,
            let alice = people.compactMap({ $0.table }).first(where: { $0["name"]?.string == "alice" }),
            let room = alice["direct_room"]?.string
        else { return nil }
        return SynapseConfig(homeserver: homeserver, botUser: user, botPassword: password, alicePassword: alicePassword, adminPassword: adminPassword, aliceRoom: room)
    }
}

/// Echoes each message back, through the in-memory store's one-step commit (as the real store
/// does in one SQLite transaction).
func echoStore(cursor: String? = nil) -> InMemoryPipelineStore {
    InMemoryPipelineStore(cursor: cursor, network: "matrix") {
        [OutgoingMessage(room: $0.room, text: "echo: \($0.text)", html: "<i>echo</i>", replyTo: $0.messageID)]
    }
}

@Suite(
    .serialized,
    .enabled(if: SynapseConfig.load() != nil, "needs COACHBOT_SYNAPSE_CONFIG from deploy/dev-homeserver"),
    .timeLimit(.minutes(2)))
struct SynapseIntegrationTests {
    let config = SynapseConfig.load()

    func configuration() throws -> SynapseConfig { try #require(config) }

    @Test func athleteMessageGetsOneNoticeReply() async throws {
        let config = try configuration()
        let http = HTTPClient()
        let alice = MatrixClient(homeserver: config.homeserver, http: http)
        _ = try await alice.login(user: "alice", password: config.alicePassword)

        let store = echoStore()
        let running = startPipeline(config, http, InMemorySessions(), store)

        // Wait for the first sync (which answers no history), then write.
        let deadline = ContinuousClock.now + .seconds(30)
        while store.with({ $0.cursors["matrix"] }) == nil {
            #expect(ContinuousClock.now < deadline)
            try await Task.sleep(for: .milliseconds(100))
        }
        var aliceSince = try await alice.sync(since: nil, filterID: nil, timeout: .zero).nextBatch
        let text = "sleep 7 soreness 2 #\(UUID().uuidString.prefix(8))"
        let sentID = try await alice.send(roomID: config.aliceRoom, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: text))

        var reply: ClientEvent?
        while reply == nil, ContinuousClock.now < deadline {
            let sync = try await alice.sync(since: aliceSince, filterID: nil, timeout: .seconds(5))
            aliceSince = sync.nextBatch
            reply = sync.rooms?.join?[config.aliceRoom]?.timeline?.events.first {
                $0.sender == config.botUser && $0.content["m.relates_to"]?["m.in_reply_to"]?["event_id"]?.string == sentID
            }
        }
        let event = try #require(reply, "alice sees the bot's reply")
        #expect(event.content["msgtype"]?.string == "m.notice")
        #expect(event.content["body"]?.string == "echo: \(text)")
        #expect(event.content["format"]?.string == "org.matrix.custom.html")
        #expect(await eventually { store.with { $0.outbox.isEmpty && $0.delivered.count == 1 } })

        // Shutdown: a long-poll in flight stops within a second or so.
        let stopStart = ContinuousClock.now
        running.cancel()
        _ = await running.result
        #expect(ContinuousClock.now - stopStart < .seconds(2))
    }

    @Test func resendingWithTheSameTransactionIDMakesOneEvent() async throws {
        let config = try configuration()
        let http = HTTPClient()
        let bot = MatrixClient(homeserver: config.homeserver, http: http)
        let login = try await bot.login(user: MatrixNetwork.localpart(config.botUser), password: config.botPassword)
        _ = try await bot.join(config.aliceRoom)  // accepted invite or already joined

        let marker = "reply #\(UUID().uuidString.prefix(8))"
        let txnID = MatrixClient.randomTransactionID()
        // The bot sent the reply, then was killed before it recorded it as sent…
        let first = try await bot.send(roomID: config.aliceRoom, txnID: txnID, content: RoomMessageContent(notice: marker))
        let again = try await bot.send(roomID: config.aliceRoom, txnID: txnID, content: RoomMessageContent(notice: marker))
        #expect(first == again)

        // …so after restart the pipeline delivers the same outbox row again.
        let store = echoStore()
        store.enqueue(room: config.aliceRoom, text: marker, key: txnID)
        let running = startPipeline(config, http, InMemorySessions(MatrixSession(userID: login.userID, accessToken: login.accessToken, deviceID: login.deviceID)), store)
        #expect(await eventually(.seconds(30)) { store.with { $0.delivered[txnID] } == 1 })
        running.cancel()
        _ = await running.result

        let alice = MatrixClient(homeserver: config.homeserver, http: http)
        _ = try await alice.login(user: "alice", password: config.alicePassword)
        let page = try await alice.messages(roomID: config.aliceRoom, from: nil, limit: 100)
        let copies = page.chunk.filter { $0.content["body"]?.string == marker }
        #expect(copies.count == 1, "the homeserver deduplicated the retries")
    }
}

extension SynapseIntegrationTests {
    @Test func gapWhileTheBotWasDownIsBackFilled() async throws {
        let config = try configuration()
        let http = HTTPClient()
        let (_, session) = try await botSession(config, http)
        let sessions = InMemorySessions(session)
        let store = echoStore()
        var running = startPipeline(config, http, sessions, store, timelineLimit: 3)
        #expect(await eventually(.seconds(30)) { store.with { $0.cursors["matrix"] } != nil })
        running.cancel()
        _ = await running.result

        // While the bot is down, alice writes more than one sync timeline holds.
        let alice = MatrixClient(homeserver: config.homeserver, http: http)
        _ = try await alice.login(user: "alice", password: config.alicePassword)
        let marker = UUID().uuidString.prefix(8)
        var sent: [String] = []
        for i in 0..<8 {
            sent.append(try await alice.send(
                roomID: config.aliceRoom, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: "gap \(marker) \(i)")))
        }

        running = startPipeline(config, http, sessions, store, timelineLimit: 3)
        let sentIDs = sent.map { "matrix/" + $0 }
        let allAnswered = await eventually(.seconds(30)) {
            store.with { s in sentIDs.allSatisfy(s.processed.contains) && s.outbox.isEmpty }
        }
        running.cancel()
        _ = await running.result
        #expect(allAnswered, "every message inside the gap is handled and answered")
        #expect(store.with { $0.delivered.count } == 8)
    }

    @Test func newRoomHistoryFromBeforeTheJoinIsNotAnswered() async throws {
        let config = try configuration()
        let http = HTTPClient()
        let alice = MatrixClient(homeserver: config.homeserver, http: http)
        _ = try await alice.login(user: "alice", password: config.alicePassword)
        let room = try await alice.createDirectRoom(with: config.botUser)
        let old = try await alice.send(roomID: room, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: "before the bot"))

        let (_, session) = try await botSession(config, http)
        let store = echoStore()
        let running = startPipeline(config, http, InMemorySessions(session), store)
        // Wait until the bot has joined: its join shows up in the room.
        let joined = await eventually(.seconds(30)) {
            let page = try? await alice.messages(roomID: room, from: nil, limit: 20)
            return page?.chunk.contains { $0.type == "m.room.member" && $0.stateKey == config.botUser && $0.content["membership"]?.string == "join" } ?? false
        }
        #expect(joined)
        let new = try await alice.send(roomID: room, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: "after the bot"))
        let answered = await eventually(.seconds(30)) { store.with { $0.delivered.count } == 1 }
        running.cancel()
        _ = await running.result
        #expect(answered)
        #expect(store.with { $0.processed.contains("matrix/" + new) })
        #expect(!store.with { $0.processed.contains("matrix/" + old) }, "history from before the bot joined is not answered")
    }

    @Test func rateLimitedBotStillDeliversEveryReply() async throws {
        let config = try configuration()
        let http = HTTPClient()
        let (_, session) = try await botSession(config, http)
        try await setBotRateLimit(config, http, perSecond: 1, burst: 1)
        let store = echoStore()
        let marker = UUID().uuidString.prefix(8)
        for i in 0..<5 {
            store.enqueue(room: config.aliceRoom, text: "rl \(marker) \(i)", key: MatrixClient.randomTransactionID())
        }
        let running = startPipeline(config, http, InMemorySessions(session), store)
        let delivered = await eventually(.seconds(40)) { store.with { $0.delivered.count } == 5 }
        running.cancel()
        _ = await running.result
        try await setBotRateLimit(config, http, perSecond: 0, burst: 0)
        #expect(delivered)
        #expect(store.with { $0.attempts } > 0, "the homeserver did rate-limit the bot")
        #expect(store.with { $0.abandoned.isEmpty })
    }

    /// Logs in the bot and makes sure it is in alice's room (it was invited by the setup).
    func botSession(_ config: SynapseConfig, _ http: HTTPClient) async throws -> (MatrixClient, MatrixSession) {
        let bot = MatrixClient(homeserver: config.homeserver, http: http)
        let login = try await bot.login(user: MatrixNetwork.localpart(config.botUser), password: config.botPassword)
        _ = try await bot.join(config.aliceRoom)
        return (bot, MatrixSession(userID: login.userID, accessToken: login.accessToken, deviceID: login.deviceID))
    }

    func startPipeline(_ config: SynapseConfig, _ http: HTTPClient, _ sessions: InMemorySessions, _ store: InMemoryPipelineStore,
                       timelineLimit: Int = 50) -> Task<Void, any Error> {
        let network = MatrixNetwork(
            client: MatrixClient(homeserver: config.homeserver, http: http), sessions: sessions,
            configuration: .init(user: config.botUser, password: config.botPassword, allowedInviters: ["@alice:localhost"],
                                 syncTimeout: .seconds(2), timelineLimit: timelineLimit))
        let service = PipelineService(network: network, store: store)
        return Task { try await service.run() }
    }

    /// Sets the bot's message rate limit through Synapse's admin API (0 = unlimited).
    func setBotRateLimit(_ config: SynapseConfig, _ http: HTTPClient, perSecond: Int, burst: Int) async throws {
        let admin = MatrixClient(homeserver: config.homeserver, http: http)
        let login = try await admin.login(user: "admin", password: config.adminPassword)
        let url = config.homeserver + "/_synapse/admin/v1/users/" + MatrixClient.segment(config.botUser) + "/override_ratelimit"
        let response = try await http.send(HTTPRequest(
            method: "POST", url: url,
            headers: [("Authorization", "Bearer \(login.accessToken)"), ("Content-Type", "application/json")],
            body: Array(#"{"messages_per_second": \#(perSecond), "burst_count": \#(burst)}"#.utf8)))
        #expect(response.status == 200)
    }
}

