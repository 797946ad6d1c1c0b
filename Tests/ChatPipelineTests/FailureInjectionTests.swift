import ChatPipeline
import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import PipelineTestSupport
import Synchronization
import Testing

/// The production commit path (real `Bot`, real SQLite file) with the process "dying" after every
/// step of the loop, then restarted on the same file: every check-in ends with exactly one reply.
@Suite(.serialized, .timeLimit(.minutes(2))) struct FailureInjectionTests {
    /// Where the run dies.
    enum Point: String, CaseIterable, Sendable {
        case afterReceive, midCommit, afterCommit, beforeServerAccepts, afterServerAccepts, afterMarkDelivered
    }

    struct Crash: Error {}

    /// A chat server with history: messages after a cursor (an index), and sends deduplicated by
    /// idempotency key, as Matrix does with transaction ids.
    final class HistoryNetwork: ChatNetwork {
        struct State {
            var accepted: [String: QueuedReply] = [:]
            var sendCalls = 0
            var crashAt: Point?
        }
        let name = "sim"
        let messages: [IncomingMessage]
        let state: Mutex<State>
        init(messages: [IncomingMessage]) {
            self.messages = messages
            state = Mutex(State())
        }
        func crash(_ point: Point) -> Bool {
            state.withLock { s in
                guard s.crashAt == point else { return false }
                s.crashAt = nil
                return true
            }
        }
        func connect() async throws {}
        func receive(after cursor: String?) async throws -> NetworkBatch {
            let start = cursor.flatMap(Int.init) ?? 0
            guard start < messages.count else {
                try await Task.sleep(for: .seconds(3600))
                throw CancellationError()
            }
            let end = min(start + 4, messages.count)
            return NetworkBatch(messages: Array(messages[start..<end]), nextCursor: String(end))
        }
        func deliver(_ reply: QueuedReply) async throws {
            if crash(.beforeServerAccepts) { throw Crash() }
            state.withLock { s in
                s.sendCalls += 1
                if s.accepted[reply.key] == nil { s.accepted[reply.key] = reply }
            }
            if crash(.afterServerAccepts) { throw Crash() }
        }
        func classify(_ error: any Error) -> NetworkFailure {
            error is Crash ? .fatal(PipelineExit(.configuration, "crash")) : .cancelled
        }
    }

    /// The real store, dying where it is told to.
    struct CrashingStore: PipelineStore {
        let real: SQLitePipelineStore
        let network: HistoryNetwork
        func cursor(network: String) throws -> String? { try real.cursor(network: network) }
        func commit(_ batch: NetworkBatch, network name: String, at time: Double) throws {
            if network.crash(.afterReceive) { throw PipelineExit(.configuration, "crash") }
            try real.commit(batch, network: name, at: time)
            if network.crash(.afterCommit) { throw PipelineExit(.configuration, "crash") }
        }
        func pending(network: String, after: Int64, limit: Int) throws -> [QueuedReply] { try real.pending(network: network, after: after, limit: limit) }
        func markDelivered(_ reply: QueuedReply, at time: Double) throws {
            try real.markDelivered(reply, at: time)
            if network.crash(.afterMarkDelivered) { throw PipelineExit(.configuration, "crash") }
        }
        func markAbandoned(_ reply: QueuedReply, reason: String, at time: Double) throws { try real.markAbandoned(reply, reason: reason, at: time) }
        func recordAttempt(_ reply: QueuedReply, error: String) throws { try real.recordAttempt(reply, error: error) }
        func recordHealth(network: String, receivedAt: Double?, error: String?) throws { try real.recordHealth(network: network, receivedAt: receivedAt, error: error) }
    }

    /// The bot, dying inside the transaction after its second message (nothing of it is kept).
    final class DyingBot: PipelineHandler {
        let bot: Bot
        let network: HistoryNetwork
        let handled = Mutex(0)
        init(bot: Bot, network: HistoryNetwork) {
            self.bot = bot
            self.network = network
        }
        func handle(_ message: IncomingMessage, in db: StoreDatabase) throws -> [OutgoingMessage] {
            let n = handled.withLock { $0 += 1; return $0 }
            if n == 2, network.crash(.midCommit) { throw PipelineExit(.configuration, "crash") }
            return try bot.handle(message, in: db)
        }
        func tick(from: Double?, to: Double, in db: StoreDatabase) throws -> [OutgoingMessage] { try bot.tick(from: from, to: to, in: db) }
        func membershipChanged(network: String, room: String, members: Set<String>, in db: StoreDatabase) throws {
            try bot.membershipChanged(network: network, room: room, members: members, in: db)
        }
    }

    static let parser: CheckinParser = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Intents")
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".toml") {
            files[name] = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        do { return CheckinParser(vocabulary: try Vocabulary(files: files)) } catch { fatalError("Intents/ does not load: \(error)") }
    }()

    @Test(arguments: Point.allCases)
    func dyingAfterAnyStepThenRestartingLosesAndRepeatsNothing(_ point: Point) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-inject-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let athletes = ["alice", "erik", "maja"]
        do {
            let store = try CoachStore(path: path)
            try store.write { db in
                for a in athletes {
                    let p = try db.upsertPerson(handle: a, displayName: a.capitalized, role: .athlete, identity: Identity(network: "sim", address: a), at: 0)
                    _ = try db.upsertRoom(network: "sim", roomID: "dm-\(a)", kind: .athleteDirect, person: p.id)
                }
            }
            try store.close()
        }
        let messages = (0..<12).map { i in
            IncomingMessage(network: "sim", room: "dm-\(athletes[i % 3])", sender: athletes[i % 3], text: "hrv \(50 + i) sleep 7",
                            messageID: "$m\(i)", time: 1_800_000_000 + Double(i))
        }
        let network = HistoryNetwork(messages: messages)
        network.state.withLock { $0.crashAt = point }

        func service(_ store: CoachStore) -> PipelineService<HistoryNetwork> {
            let bot = DyingBot(bot: Bot(store: store, parser: Self.parser), network: network)
            return PipelineService(network: network, store: CrashingStore(real: SQLitePipelineStore(store: store, handler: bot), network: network),
                                   configuration: .init(seed: 1), clock: FastClock())
        }
        // First run: dies at the injected point; everything it held in memory is gone.
        do {
            let store = try CoachStore(path: path)
            await #expect(throws: PipelineExit.self) { try await service(store).run() }
            try store.close()
        }
        #expect(network.state.withLock { $0.crashAt } == nil, "the failure was injected")
        // Restart on the same file: runs until everything is answered.
        do {
            let store = try CoachStore(path: path)
            let task = Task { try await service(store).run() }
            #expect(await eventually(.seconds(20)) { network.state.withLock { $0.accepted.count } >= 12 && (try? store.read { try $0.outboxDepth() }) == 0 })
            task.cancel()
            try await task.value
            try store.close()
        }

        let accepted = network.state.withLock { Array($0.accepted.values) }
        let repliesPerMessage = Dictionary(grouping: accepted.compactMap(\.replyTo), by: { $0 }).mapValues(\.count)
        #expect(Set(repliesPerMessage.keys) == Set(messages.map(\.messageID)), "lost: \(Set(messages.map(\.messageID)).subtracting(repliesPerMessage.keys))")
        #expect(repliesPerMessage.values.allSatisfy { $0 == 1 }, "duplicated: \(repliesPerMessage.filter { $0.value > 1 })")
        let store = try CoachStore(path: path)
        defer { try? store.close() }
        let (depth, processed, revisions) = try store.read { db in
            (try db.outboxDepth(), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processed_events WHERE network = 'sim'"),
             try Int.fetchOne(db, sql: "SELECT SUM(revision) FROM checkins"))
        }
        #expect(depth == 0)
        #expect(processed == 12)
        // Each message revises its athlete's check-in of the day once: 12 revisions, none twice.
        #expect(revisions == 12)
        print("failure injection \(point.rawValue): sent 12, answered \(repliesPerMessage.count), duplicates = \(accepted.count - repliesPerMessage.count), lost = \(12 - repliesPerMessage.count), server calls \(network.state.withLock { $0.sendCalls })")
    }

    /// A server that shows every send, repeated or not (IRC): the network records a reply as
    /// sent the moment the server accepts it, so dying right after repeats nothing, and a reply
    /// the server never accepted is sent again.
    final class RepeatingNetwork: ChatNetwork {
        enum Fault { case dieAfterAccepted, unaccepted }
        struct State {
            var shown: [QueuedReply] = []
            var fault: Fault?
        }
        let name = "sim"
        let messages: [IncomingMessage]
        let state: Mutex<State>
        init(messages: [IncomingMessage], fault: Fault) {
            self.messages = messages
            state = Mutex(State(fault: fault))
        }
        func connect() async throws {}
        func receive(after cursor: String?) async throws -> NetworkBatch {
            guard cursor == nil else {
                try await Task.sleep(for: .seconds(3600))
                throw CancellationError()
            }
            return NetworkBatch(messages: messages, nextCursor: "end")
        }
        func deliver(_ reply: QueuedReply) async throws { Issue.record("delivered without recording the send first") }
        func deliver(_ reply: QueuedReply, recordSent: @escaping @Sendable () throws -> Void) async throws {
            let fault = state.withLock { s -> Fault? in
                defer { s.fault = nil }
                if s.fault != .unaccepted { s.shown.append(reply) }
                return s.fault
            }
            if fault == .unaccepted { throw ScriptedError(failure: .transient(after: nil)) }
            try recordSent()
            if fault == .dieAfterAccepted { throw Crash() }
        }
        func classify(_ error: any Error) -> NetworkFailure {
            if let scripted = error as? ScriptedError { return scripted.failure }
            return error is Crash ? .fatal(PipelineExit(.configuration, "crash")) : .cancelled
        }
    }

    @Test(arguments: [RepeatingNetwork.Fault.dieAfterAccepted, .unaccepted])
    func aServerWithoutTransactionIDsShowsEachReplyOnce(_ fault: RepeatingNetwork.Fault) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-repeat-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let store = try CoachStore(path: path)
            try store.write { db in
                let p = try db.upsertPerson(handle: "alice", displayName: "Alice", role: .athlete, identity: Identity(network: "sim", address: "alice"), at: 0)
                _ = try db.upsertRoom(network: "sim", roomID: "dm-alice", kind: .athleteDirect, person: p.id)
            }
            try store.close()
        }
        let messages = (0..<3).map { i in
            IncomingMessage(network: "sim", room: "dm-alice", sender: "alice", text: "hrv \(50 + i) sleep 7", messageID: "$m\(i)", time: 1_800_000_000 + Double(i))
        }
        let network = RepeatingNetwork(messages: messages, fault: fault)
        func service(_ store: CoachStore) -> PipelineService<RepeatingNetwork> {
            PipelineService(network: network, store: SQLitePipelineStore(store: store, handler: Bot(store: store, parser: Self.parser)),
                            configuration: .init(seed: 1), clock: FastClock())
        }
        if fault == .dieAfterAccepted {
            let store = try CoachStore(path: path)
            await #expect(throws: PipelineExit.self) { try await service(store).run() }
            try store.close()
        }
        let store = try CoachStore(path: path)
        defer { try? store.close() }
        let task = Task { try await service(store).run() }
        #expect(await eventually(.seconds(20)) { network.state.withLock { $0.shown.count } >= 3 && (try? store.read { try $0.outboxDepth() }) == 0 })
        try await Task.sleep(for: .milliseconds(100))  // a repeat would show now
        task.cancel()
        try await task.value
        let shown = network.state.withLock { $0.shown.compactMap(\.replyTo) }
        #expect(shown.sorted() == messages.map(\.messageID), "each reply shown once: \(shown)")
        let attempts = try store.read { try Int.fetchOne($0, sql: "SELECT SUM(attempts) FROM outbox") }
        #expect(attempts == (fault == .unaccepted ? 4 : 3), "a send the server did not accept counts as one more attempt")
    }
}
