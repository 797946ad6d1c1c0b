import CoachCore
import Foundation
import Logging
import ServiceLifecycle

/// The daemon ended for a reason only an operator can fix.
public enum MatrixDaemonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The access token was rejected (`M_UNKNOWN_TOKEN`) and no password is configured to log in again.
    case unknownToken(String)
    /// Login failed for good (wrong password, user deactivated).
    case loginFailed(String)

    public var description: String {
        switch self {
        case .unknownToken(let m): "access token rejected: \(m)"
        case .loginFailed(let m): "login failed: \(m)"
        }
    }

    /// Distinct process exit codes, so a supervisor can tell "fix the config" from a crash.
    public var exitCode: Int32 {
        switch self {
        case .unknownToken: 75
        case .loginFailed: 77
        }
    }
}

/// The Matrix transport's main loop. It only carries out what `SyncStateMachine` decides:
/// drain the outbox, long-poll `/sync`, accept invites, back-fill gaps, and hand each batch to the
/// `MatrixBatchHandler`, which stores the batch, its replies and the next token in one transaction.
///
/// Order matters for exactly-once: the token advances in memory only after the handler returned,
/// and replies leave only from the outbox, with the transaction id stored there.
public final class MatrixDaemon: Service, Sendable {
    public struct Configuration: Sendable {
        /// The bot's user (`@coachbot:example.org`) and password, used when no session is stored.
        public var user: String
        public var password: String?
        public var deviceID: String?
        /// People whose invites are accepted.
        public var allowedInviters: Set<String>
        public var syncTimeout: Duration
        public var retry: RetryPolicy
        public var maxBackfillPages: Int
        /// Events per room in one sync; more make the timeline `limited` and are back-filled.
        public var timelineLimit: Int
        /// Rooms (ids or aliases, e.g. the coaches' room) joined at start.
        public var rooms: [String]
        /// Told each room of `rooms` once it is joined, with the room id an alias resolved to
        /// (the coaches' room may be configured as `#coaches:server`).
        public var roomJoined: (@Sendable (_ requested: String, _ roomID: String) async throws -> Void)?

        public init(
            user: String, password: String?, deviceID: String? = nil, allowedInviters: Set<String>,
            syncTimeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy(), maxBackfillPages: Int = 20,
            timelineLimit: Int = 50, rooms: [String] = [],
            roomJoined: (@Sendable (_ requested: String, _ roomID: String) async throws -> Void)? = nil
        ) {
            self.roomJoined = roomJoined
            self.timelineLimit = timelineLimit
            self.rooms = rooms
            self.user = user
            self.password = password
            self.deviceID = deviceID
            self.allowedInviters = allowedInviters
            self.syncTimeout = syncTimeout
            self.retry = retry
            self.maxBackfillPages = maxBackfillPages
        }
    }

    private let client: any MatrixAPI
    private let store: any MatrixStateStore
    private let handler: any MatrixBatchHandler
    private let configuration: Configuration
    private let logger: Logger

    public init(
        client: any MatrixAPI, store: any MatrixStateStore, handler: any MatrixBatchHandler,
        configuration: Configuration, logger: Logger = Logger(label: "coachbot.matrix.daemon")
    ) {
        self.client = client
        self.store = store
        self.handler = handler
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until the task is cancelled or a graceful shutdown is requested (then it returns), or
    /// a fatal error (then it throws `MatrixDaemonError`). A long-poll in flight is abandoned
    /// within a second; a batch being handled or a send being recorded is finished first.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await self.loop()
            }
        } catch let error as MatrixDaemonError {
            logger.error("matrix daemon stopped", metadata: ["reason": "\(error)"])
            try? await shielded { try await self.store.recordError(error.description) }
            throw error
        } catch {
            if Task.isCancelled || error is CancellationError || (error as? MatrixError)?.isCancellation == true {
                logger.info("matrix daemon shut down")
                return
            }
            throw error
        }
    }

    private func loop() async throws {
        let userID = try await establishSession()
        let filterID = try await retrying("create filter") {
            try await self.client.createFilter(userID: userID, filter: .coachbot(timelineLimit: self.configuration.timelineLimit))
        }
        for room in configuration.rooms {
            let roomID = try await retrying("join \(room)") { try await self.client.join(room) }
            logger.info("matrix room joined", metadata: ["room": "\(roomID)"])
            try await configuration.roomJoined?(room, roomID)
        }
        var machine = SyncStateMachine(
            configuration: .init(botUserID: userID, allowedInviters: configuration.allowedInviters,
                                 maxBackfillPages: configuration.maxBackfillPages),
            since: try await store.loadSince())
        logger.info("matrix daemon started", metadata: ["user": "\(userID)", "first_start": "\(machine.since == nil)"])
        var failures = 0
        var rng = SystemRandomNumberGenerator()
        while !Task.isCancelled {
            try await drainOutbox()
            do {
                let sync = try await client.sync(
                    since: machine.since, filterID: filterID, timeout: machine.since == nil ? .zero : configuration.syncTimeout)
                let plan = machine.plan(for: sync)
                for roomID in plan.joins { try await join(roomID, machine: &machine) }
                var batch: [IncomingMessage] = []
                for request in plan.backfills { batch += try await backfill(request, machine: machine) }
                batch += plan.messages
                let nextSince = plan.nextSince, handed = batch
                try await shielded { try await self.handler.handle(batch: handed, nextSince: nextSince) }
                machine.commit(plan)
                if !batch.isEmpty { logger.info("matrix batch handled", metadata: ["events": "\(batch.count)"]) }
                let hadFailures = failures > 0
                try await shielded {
                    try await self.store.recordSync(at: Date().timeIntervalSince1970)
                    if hadFailures { try await self.store.recordError(nil) }
                }
                failures = 0
            } catch let error as MatrixError {
                try await pause(after: error, attempt: failures, doing: "sync")
                failures += 1
            } catch let error as MatrixDaemonError {
                throw error
            } catch {
                // The handler failed (database busy, disk full…): nothing was committed, so the
                // same sync is fetched again after a back-off.
                if Task.isCancelled || error is CancellationError { throw error }
                let delay = configuration.retry.backoff(attempt: failures, using: &rng)
                logger.error("matrix batch handler failed", metadata: ["error": "\(error)", "retry_in_ms": "\(Int64(delay.seconds * 1000))"])
                try? await shielded { try await self.store.recordError("handler: \(error)") }
                try await Task.sleep(for: delay)
                failures += 1
            }
        }
    }

    /// Reuses the stored session; logs in with the password when there is none or it was revoked.
    private func establishSession() async throws -> String {
        if let session = try await store.loadSession() {
            client.setAccessToken(session.accessToken)
            do {
                return try await retrying("whoami") { try await self.client.whoami() }.userID
            } catch MatrixDaemonError.unknownToken(let reason) {
                guard configuration.password != nil else { throw MatrixDaemonError.unknownToken(reason) }
                logger.notice("stored access token rejected; logging in again")
            }
        }
        guard let password = configuration.password else {
            throw MatrixDaemonError.loginFailed("no stored session and no password configured")
        }
        let localpart = Self.localpart(configuration.user)
        let login: LoginResponse
        do {
            login = try await retrying("login") {
                try await self.client.login(user: localpart, password: password, deviceID: self.configuration.deviceID)
            }
        } catch MatrixDaemonError.unknownToken(let m) {
            throw MatrixDaemonError.loginFailed(m)
        }
        let session = MatrixSession(userID: login.userID, accessToken: login.accessToken, deviceID: login.deviceID)
        try await shielded { try await self.store.saveSession(session) }
        return login.userID
    }

    static func localpart(_ user: String) -> String {
        guard user.hasPrefix("@"), let colon = user.firstIndex(of: ":") else { return user }
        return String(user[user.index(after: user.startIndex)..<colon])
    }

    /// Sends every pending reply, oldest first, each with its stored transaction id.
    private func drainOutbox() async throws {
        while true {
            let entries = try await store.pendingOutbox(limit: 50)
            if entries.isEmpty { return }
            for entry in entries {
                var attempt = 0
                while true {
                    do {
                        let room = try await roomID(for: entry.message.room)
                        let eventID = try await client.send(roomID: room, txnID: entry.txnID, content: entry.content)
                        try await shielded { try await self.store.markSent(txnID: entry.txnID, eventID: eventID) }
                        logger.info("matrix reply sent", metadata: ["txn": "\(entry.txnID)", "event": "\(eventID)"])
                        break
                    } catch let error as MatrixError {
                        try await shielded { try await self.store.recordAttempt(txnID: entry.txnID) }
                        if case .giveUp(let reason) = configuration.retry.decide(error, attempt: attempt) {
                            logger.warning("matrix reply refused", metadata: ["txn": "\(entry.txnID)", "error": "\(reason)"])
                            try await shielded { try await self.store.markFailed(txnID: entry.txnID, reason: reason) }
                            break
                        }
                        try await pause(after: error, attempt: attempt, doing: "send")
                        attempt += 1
                    }
                }
            }
        }
    }

    /// A message addressed to a user id (`@alice:server`) goes to the bot's direct room with that
    /// person, opened (and remembered) the first time it is needed.
    private func roomID(for target: String) async throws -> String {
        guard target.hasPrefix("@") else { return target }
        if let known = try await store.directRoom(with: target) { return known }
        let room = try await client.createDirectRoom(with: target)
        try await shielded { try await self.store.saveDirectRoom(room, with: target) }
        logger.info("matrix direct room opened", metadata: ["room": "\(room)"])
        return room
    }

    private func join(_ roomID: String, machine: inout SyncStateMachine) async throws {
        do {
            _ = try await client.join(roomID)
            machine.joined(roomID)
            logger.info("matrix room joined", metadata: ["room": "\(roomID)"])
        } catch {
            switch configuration.retry.decide(error, attempt: 0) {
            case .giveUp(let reason):
                logger.warning("matrix invite dropped", metadata: ["room": "\(roomID)", "error": "\(reason)"])
                machine.dropInvite(roomID)
            case .fatal(let reason):
                throw MatrixDaemonError.unknownToken(reason)
            case .retry:
                throw error  // the sync loop backs off; the invite stays pending
            }
        }
    }

    /// Fetches a gap page by page; messages come back in chronological order.
    private func backfill(_ first: SyncStateMachine.BackfillRequest, machine: SyncStateMachine) async throws -> [IncomingMessage] {
        var pages: [[IncomingMessage]] = []
        var request: SyncStateMachine.BackfillRequest? = first
        var index = 0
        while let current = request {
            let page = try await client.messages(
                roomID: current.roomID, from: current.from, to: current.to, direction: .backward, limit: 100)
            let result = machine.backfillPage(current, page: page, pageIndex: index)
            pages.append(result.messages)
            request = result.next
            index += 1
        }
        logger.info("matrix gap back-filled", metadata: ["room": "\(first.roomID)", "pages": "\(index)"])
        return pages.reversed().flatMap { $0 }
    }

    /// Sleeps as the retry policy says, recording the error; throws for fatal errors.
    private func pause(after error: MatrixError, attempt: Int, doing what: String) async throws {
        if error.isCancellation { throw CancellationError() }
        switch configuration.retry.decide(error, attempt: attempt) {
        case .fatal(let reason):
            throw MatrixDaemonError.unknownToken(reason)
        case .retry(let delay):
            logger.warning("matrix \(what) failed", metadata: [
                "error": "\(error)", "retry_in_ms": "\(Int64(delay.seconds * 1000))",
            ])
            try await shielded { try await self.store.recordError("\(what): \(error)") }
            try await Task.sleep(for: delay)
        case .giveUp(let reason):
            // Not retryable for this request, but the loop must go on: wait as for an outage.
            let delay = configuration.retry.ceiling(attempt: attempt)
            logger.warning("matrix \(what) refused", metadata: ["error": "\(reason)"])
            try await shielded { try await self.store.recordError("\(what): \(reason)") }
            try await Task.sleep(for: delay)
        }
    }

    /// Retries an operation as the policy says; fatal errors become `MatrixDaemonError`.
    private func retrying<T: Sendable>(_ what: String, _ operation: @Sendable () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await operation()
            } catch let error as MatrixError {
                if case .giveUp(let reason) = configuration.retry.decide(error, attempt: attempt) {
                    throw MatrixDaemonError.loginFailed("\(what): \(reason)")
                }
                try await pause(after: error, attempt: attempt, doing: what)
                attempt += 1
            }
        }
    }
}

/// Runs work to completion even if the calling task is cancelled: a batch being stored, or a
/// send being recorded, must not be cut in half by shutdown.
func shielded<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await Task { try await work() }.value
}
