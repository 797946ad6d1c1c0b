import ChatPipeline
import CoachCore
import Foundation
import Logging
import NIOCore

/// What can go wrong on IRC that the pipeline must know how to treat.
public enum IRCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection is gone (server restart, silence, ERROR): connect again.
    case disconnected(String)
    /// The person a private reply is for is not online (no nick verified by their account).
    case recipientOffline(String)
    /// The server did not confirm a labelled reply in time.
    case unconfirmed
    /// The server refused the reply with this numeric (e.g. 401 no such nick, 404 cannot send).
    case refused(String)

    public var description: String {
        switch self {
        case .disconnected(let reason): "disconnected: \(reason)"
        case .recipientOffline: "the recipient is not online"
        case .unconfirmed: "the server did not confirm the reply"
        case .refused(let numeric): "the server refused the reply (\(numeric))"
        }
    }
}

/// IRC as a `ChatNetwork`: one connection (TLS by default), the protocol state machine, the
/// directory of accounts, flood control and line splitting. Private messages are answered by
/// NOTICE to the sender's current nick as verified by their services account; a person without
/// an account is a stranger whatever their nick.
public actor IRCNetwork: ChatNetwork {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var tls: Bool
        public var fingerprint: String?
        public var clientCertificate: String?
        public var client: IRCClientStateMachine.Configuration
        /// Flood control: lines at once, then lines a second.
        public var burst: Int
        public var messagesPerSecond: Double
        public var registrationTimeout: Duration
        public var confirmationTimeout: Duration

        public init(host: String, port: Int, tls: Bool, fingerprint: String? = nil, clientCertificate: String? = nil,
                    client: IRCClientStateMachine.Configuration, burst: Int = 4, messagesPerSecond: Double = 1,
                    registrationTimeout: Duration = .seconds(60), confirmationTimeout: Duration = .seconds(30)) {
            self.host = host
            self.port = port
            self.tls = tls
            self.fingerprint = fingerprint
            self.clientCertificate = clientCertificate
            self.client = client
            self.burst = burst
            self.messagesPerSecond = messagesPerSecond
            self.registrationTimeout = registrationTimeout
            self.confirmationTimeout = confirmationTimeout
        }
    }

    public nonisolated let name = "irc"
    let configuration: Configuration
    let logger: Logger
    private var machine: IRCClientStateMachine
    private var directory: IRCDirectory
    private var bucket: FloodBucket
    private var connection: IRCConnection?
    private var connectionTask: Task<Void, Never>?
    private var outbound: AsyncStream<ByteBuffer>.Continuation?
    private var generation = 0
    private var registered = false
    private var lost: String?
    private var fatal: PipelineExit?
    private var inbox: [IncomingMessage] = []
    /// The last batch handed out, until the pipeline asks for what follows its cursor.
    private var pendingBatch: NetworkBatch?
    /// Channel → whether its modes keep strangers out (+s and +k or +i); unknown counts as no.
    private var channelSecret: [String: Bool] = [:]
    private var modeChanges: Set<String> = []
    private var waiters: [UUID: CheckedContinuation<Void, any Error>] = [:]
    /// Replies waiting for their labelled echo, with how to record them as sent.
    private var labels: [String: (waiter: CheckedContinuation<Void, any Error>, recordSent: @Sendable () throws -> Void)] = [:]
    private var lastCTCPReply = 0.0
    /// Open `chathistory` batches (history replayed on join): their lines carry no account.
    private var historyBatches: Set<String> = []
    private var labelCounter = 0

    public init(configuration: Configuration, logger: Logger = Logger(label: "coachbot.irc")) {
        self.configuration = configuration
        self.logger = logger
        machine = IRCClientStateMachine(configuration: configuration.client)
        directory = IRCDirectory(ownNick: configuration.client.nick)
        bucket = FloodBucket(burst: configuration.burst, rate: configuration.messagesPerSecond, now: Date().timeIntervalSince1970)
    }

    nonisolated func now() -> Double { Date().timeIntervalSince1970 }

    // MARK: ChatNetwork

    public func connect() async throws {
        teardown()
        generation += 1
        let generation = generation
        registered = false
        lost = nil
        directory.reset(ownNick: configuration.client.nick)
        channelSecret = [:]
        let connection = try await IRCConnection.open(.init(host: configuration.host, port: configuration.port, tls: configuration.tls,
                                                            fingerprint: configuration.fingerprint, clientCertificate: configuration.clientCertificate))
        self.connection = connection
        let (stream, sink) = AsyncStream.makeStream(of: ByteBuffer.self)
        outbound = sink
        connectionTask = Task { await self.run(connection, lines: stream, generation: generation) }
        apply(machine.connected(now: now(), nonce: SCRAMClient.randomNonce()))
        let deadline = ContinuousClock.now + configuration.registrationTimeout
        while !registered {
            if let fatal { throw fatal }
            if let lost { throw IRCError.disconnected(lost) }
            guard ContinuousClock.now < deadline else {
                teardown()
                throw IRCError.disconnected("registration did not finish within \(configuration.registrationTimeout)")
            }
            try await wait(for: .milliseconds(200))
        }
        logger.info("irc registered", metadata: ["caps": "\(machine.enabled.sorted().joined(separator: ","))"])
    }

    public func receive(after cursor: String?) async throws -> NetworkBatch {
        if let pending = pendingBatch, pending.nextCursor != cursor { return pending }  // not committed: hand it out again
        pendingBatch = nil
        while true {
            if let fatal { throw fatal }
            if let lost { throw IRCError.disconnected(lost) }
            var memberships = directory.takeChanges().map { RoomMembers(room: $0.channel, members: $0.members) }
            for channel in modeChanges where !memberships.contains(where: { $0.room == channel }) {
                memberships.append(RoomMembers(room: channel, members: directory.members(of: channel)))
            }
            modeChanges = []
            memberships = memberships.map { change in
                // A channel strangers could join is never private, whoever is in it now.
                channelSecret[change.room] == true ? change : RoomMembers(room: change.room, members: change.members.union(["~channel-not-secret"]))
            }
            if !inbox.isEmpty || !memberships.isEmpty {
                let batch = NetworkBatch(messages: inbox, memberships: memberships, nextCursor: UUID().uuidString)
                inbox = []
                pendingBatch = batch
                return batch
            }
            try await wait(for: .seconds(30))
        }
    }

    public func deliver(_ reply: QueuedReply) async throws {
        try await deliver(reply, recordSent: {})
    }

    /// IRC drops no repeated message, so the reply is recorded as sent the moment the server's
    /// labelled echo of its last line arrives, before anything else runs: a crash can repeat only
    /// a reply whose echo was still on its way. Without `labeled-response` + `echo-message` it is
    /// recorded once written.
    public func deliver(_ reply: QueuedReply, recordSent: @escaping @Sendable () throws -> Void) async throws {
        guard registered, lost == nil else { throw IRCError.disconnected(lost ?? "not registered") }
        let target: String
        if reply.room.hasPrefix("#") || reply.room.hasPrefix("&") {
            target = reply.room
        } else if reply.room.hasPrefix("~") {
            target = String(reply.room.dropFirst())
        } else if let nick = try await nick(of: reply.room) {
            target = nick
        } else {
            throw IRCError.recipientOffline(reply.room)
        }
        let generation = generation
        let lines = LineSplitter.lines(reply.text, budget: directory.textBudget(target: target))
        let confirm = machine.enabled.contains("labeled-response") && machine.enabled.contains("echo-message")
        var label: String?
        for (i, line) in lines.enumerated() {
            let delay = bucket.take(now: now())
            if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
            guard generation == self.generation, lost == nil else { throw IRCError.disconnected(lost ?? "reconnected") }
            var message = IRCMessage(command: "NOTICE", params: [target, line])
            if confirm, i == lines.count - 1 {
                labelCounter += 1
                label = "cb\(labelCounter)"
                message.tags["label"] = label
            }
            write(message)
        }
        if let label { try await confirmation(of: label, recordSent: recordSent) } else { try recordSent() }
    }

    /// The nick logged in to `account`: known from what the server told us, or asked with WHOX
    /// (`WHO account %tna,42`: a nick of that name counts only if it is logged in to that account).
    private func nick(of account: String) async throws -> String? {
        if let nick = directory.nick(of: account) { return nick }
        write(IRCMessage(command: "WHO", params: [account, "%tna,42"]))
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            try await wait(for: .milliseconds(500))
            if let nick = directory.nick(of: account) { return nick }
        }
        return nil
    }

    public nonisolated func classify(_ error: any Error) -> NetworkFailure {
        switch error {
        case let exit as PipelineExit: return .fatal(exit)
        case IRCError.disconnected: return .reconnect
        case IRCError.recipientOffline: return .transient(after: .seconds(30))
        case IRCError.unconfirmed: return .transient(after: nil)
        case IRCError.refused(let numeric):
            // 401: the nick left after we looked it up; it may come back. Others are for good.
            return numeric == "401" ? .transient(after: .seconds(30)) : .rejected("refused: \(numeric)")
        case is CancellationError: return .cancelled
        default: return .reconnect  // a socket or TLS error: the connection is gone
        }
    }

    // MARK: The connection

    private func run(_ connection: IRCConnection, lines: AsyncStream<ByteBuffer>, generation: Int) async {
        var reason = "the server closed the connection"
        do {
            try await connection.channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await buffer in lines { try await outbound.write(buffer) }
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: .seconds(5))
                            await self.tick(generation: generation)
                        }
                    }
                    group.addTask {
                        for try await line in inbound { await self.handle(line, generation: generation) }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            reason = "\(error)"
        }
        connectionLost(reason, generation: generation)
    }

    private func handle(_ buffer: ByteBuffer, generation: Int) {
        guard generation == self.generation else { return }
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        guard let message = IRCMessage(line: text) else { return }
        apply(machine.received(message, now: now()))
    }

    private func tick(generation: Int) {
        guard generation == self.generation else { return }
        apply(machine.tick(now: now()))
    }

    private func apply(_ actions: [IRCClientStateMachine.Action]) {
        for action in actions {
            switch action {
            case .send(let message):
                write(message)
            case .registered(let nick):
                registered = true
                directory.ownNick = nick
                wakeAll()
            case .fail(let exit):
                fatal = exit
                logger.error("irc stopped", metadata: ["reason": "\(exit)"])
                teardown()
                wakeAll()
            case .reconnect(let reason):
                connectionLost(reason, generation: generation)
                teardown()
            case .event(let message):
                event(message)
            }
        }
    }

    private func event(_ m: IRCMessage) {
        directory.observe(m)
        if let label = m.tags["label"] {
            if let code = Int(m.command), code >= 400 {
                // The server refused the labelled line (no such nick, cannot send to channel).
                labels.removeValue(forKey: label)?.waiter.resume(throwing: IRCError.refused(m.command))
            } else if m.sourceNick?.lowercased() == directory.ownNick.lowercased() || m.command == "ACK",
                      let pending = labels.removeValue(forKey: label) {
                do {
                    try pending.recordSent()
                    pending.waiter.resume()
                } catch {
                    pending.waiter.resume(throwing: error)
                }
            }
        }
        switch m.command {
        case "JOIN" where m.sourceNick?.lowercased() == directory.ownNick.lowercased():
            if let channel = m.params.first {
                write(IRCMessage(command: "MODE", params: [channel]))
                write(IRCMessage(command: "WHO", params: [channel, "%tna,42"]))
            }
        case "324":  // RPL_CHANNELMODEIS: me #chan +modes args
            guard m.params.count >= 3 else { return }
            let modes = m.params[2]
            channelSecret[m.params[1].lowercased()] = modes.contains("s") && (modes.contains("k") || modes.contains("i"))
            modeChanges.insert(m.params[1].lowercased())
            wakeAll()
        case "MODE" where m.params.first?.hasPrefix("#") == true:
            if let channel = m.params.first { write(IRCMessage(command: "MODE", params: [channel])) }  // ask again: a mode changed
        case "BATCH":
            guard let ref = m.params.first else { return }
            if ref.hasPrefix("+"), m.params.count >= 2, m.params[1] == "chathistory" { historyBatches.insert(String(ref.dropFirst())) }
            if ref.hasPrefix("-") { historyBatches.remove(String(ref.dropFirst())) }
        case "PRIVMSG":
            // Replayed history: a line already handled is skipped by its msgid; one that carries
            // no account cannot be attributed to anyone, so it is not acted on.
            if let batch = m.tags["batch"], historyBatches.contains(batch), m.tags["account"] == nil { return }
            if let text = m.params.last, text.hasPrefix("\u{1}"), let nick = m.sourceNick { ctcp(text, from: nick) }
            if let message = directory.incoming(m, now: now()) {
                inbox.append(message)
                wakeAll()
            }
        case "JOIN", "PART", "KICK", "QUIT", "NICK", "ACCOUNT", "353", "354", "315":
            wakeAll()
        default:
            break
        }
    }

    /// CTCP VERSION and PING get a NOTICE, at most one every 5 seconds; nothing else is answered.
    private func ctcp(_ text: String, from nick: String) {
        let body = text.trimmingCharacters(in: CharacterSet(charactersIn: "\u{1}"))
        let command = body.prefix { $0 != " " }.uppercased()
        guard command == "VERSION" || command == "PING", now() - lastCTCPReply >= 5 else { return }
        lastCTCPReply = now()
        let answer = command == "VERSION" ? "VERSION coachbot" : body
        write(IRCMessage(command: "NOTICE", params: [nick, "\u{1}\(answer)\u{1}"]))
    }

    private func write(_ message: IRCMessage) {
        var buffer = ByteBuffer()
        buffer.writeString(message.line + "\r\n")
        outbound?.yield(buffer)
    }

    private func connectionLost(_ reason: String, generation: Int) {
        guard generation == self.generation, lost == nil else { return }
        lost = reason
        registered = false
        logger.warning("irc connection lost", metadata: ["reason": "\(reason)"])
        for (_, pending) in labels { pending.waiter.resume(throwing: IRCError.disconnected(reason)) }
        labels = [:]
        wakeAll()
    }

    private func teardown() {
        outbound?.finish()
        outbound = nil
        connectionTask?.cancel()
        connectionTask = nil
        connection?.channel.channel.close(promise: nil)
        connection = nil
    }

    // MARK: Waiting

    /// Sleeps until something happens (a line, a loss) or `timeout` passes; cancellable.
    private func wait(for timeout: Duration) async throws {
        let id = UUID()
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.wake(id)
        }
        defer { timer.cancel() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                waiters[id] = continuation
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func wake(_ id: UUID) { waiters.removeValue(forKey: id)?.resume() }
    private func cancelWaiter(_ id: UUID) { waiters.removeValue(forKey: id)?.resume(throwing: CancellationError()) }

    private func wakeAll() {
        let all = waiters
        waiters = [:]
        for (_, waiter) in all { waiter.resume() }
    }

    private func confirmation(of label: String, recordSent: @escaping @Sendable () throws -> Void) async throws {
        let timer = Task { [weak self, timeout = configuration.confirmationTimeout] in
            try? await Task.sleep(for: timeout)
            await self?.expire(label)
        }
        defer { timer.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            labels[label] = (continuation, recordSent)
        }
    }

    private func expire(_ label: String) { labels.removeValue(forKey: label)?.waiter.resume(throwing: IRCError.unconfirmed) }
}
