import CoachCore
import Foundation
import Logging
import ServiceLifecycle

/// Runs one network through the exactly-once pipeline until shutdown: the receive loop and the
/// delivery loop side by side, each carrying out what its state machine decides. This is the only
/// place where the pipeline's decisions become I/O.
///
/// The receive loop never waits for deliveries: after each commit it only tells the delivery loop
/// that the outbox grew, and long-polls again at once.
public final class PipelineService<Network: ChatNetwork>: Service, Sendable {
    public struct Configuration: Sendable {
        /// Sends in flight at once, across rooms (each room stays in order).
        public var maxInFlight: Int
        public var backoff: Backoff
        /// Seeds the back-off jitter (tests pin it).
        public var seed: UInt64

        public init(maxInFlight: Int = 16, backoff: Backoff = Backoff(), seed: UInt64 = UInt64.random(in: 1...UInt64.max)) {
            self.maxInFlight = maxInFlight
            self.backoff = backoff
            self.seed = seed
        }
    }

    enum DeliveryEvent: Sendable {
        case outboxGrew
        case delivered(QueuedReply)
        case failed(QueuedReply, NetworkFailure)
        case tick
    }

    public let network: Network
    let store: any PipelineStore
    let configuration: Configuration
    let clock: any PipelineClock
    let logger: Logger

    public init(network: Network, store: any PipelineStore, configuration: Configuration = .init(),
                clock: any PipelineClock = SystemPipelineClock(), logger: Logger = Logger(label: "coachbot.pipeline")) {
        self.network = network
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Returns on graceful shutdown or cancellation; throws `PipelineExit` when only an operator
    /// can help (credentials rejected, a room that cannot be joined).
    public func run() async throws {
        let (events, sink) = AsyncStream.makeStream(of: DeliveryEvent.self)
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await self.receiveLoop(sink) }
                    group.addTask { try await self.deliveryLoop(events, sink) }
                    defer { group.cancelAll() }
                    try await group.next()
                }
            }
        } catch let exit as PipelineExit {
            logger.error("pipeline stopped", metadata: ["network": "\(network.name)", "reason": "\(exit)"])
            try? store.recordHealth(network: network.name, receivedAt: nil, error: exit.description)
            throw exit
        } catch {
            if Task.isCancelled || error is CancellationError || network.classify(error) == .cancelled {
                logger.info("pipeline shut down", metadata: ["network": "\(network.name)"])
                return
            }
            throw error
        }
    }

    private func receiveLoop(_ sink: AsyncStream<DeliveryEvent>.Continuation) async throws {
        var machine = ReceiveStateMachine(cursor: try store.cursor(network: network.name), backoff: configuration.backoff,
                                          seed: configuration.seed)
        var action = machine.start()
        while true {
            if Task.isCancelled { action = machine.shutdown() }
            switch action {
            case .connect:
                do {
                    try await network.connect()
                    logger.info("network connected", metadata: ["network": "\(network.name)", "first_start": "\(machine.cursor == nil)"])
                    sink.yield(.outboxGrew)
                    action = machine.connected()
                } catch {
                    action = fail(&machine, error)
                }
            case .receive(let cursor):
                do {
                    action = machine.received(try await network.receive(after: cursor))
                } catch {
                    action = fail(&machine, error)
                }
            case .commit(let batch):
                do {
                    let now = clock.now()
                    let hadFailures = machine.failures > 0
                    let started = ContinuousClock.now
                    try await shielded { [store, network] in
                        try store.commit(batch, network: network.name, at: now)
                        try store.recordHealth(network: network.name, receivedAt: now, error: nil)
                    }
                    PipelineMetrics.received(batch.messages.count, network: network.name)
                    PipelineMetrics.handled(batch.messages.count, in: ContinuousClock.now - started)
                    if !batch.messages.isEmpty {
                        // Bot-side time of the batch (handling + one commit); `coachbot bench matrix` reads it.
                        let ms = (ContinuousClock.now - started).inSeconds * 1000
                        logger.info("batch committed", metadata: [
                            "network": "\(network.name)", "messages": "\(batch.messages.count)", "ms": "\(String(format: "%.3f", ms))",
                        ])
                    } else if hadFailures {
                        logger.info("network recovered", metadata: ["network": "\(network.name)"])
                    }
                    sink.yield(.outboxGrew)
                    action = machine.committed()
                } catch let exit as PipelineExit {
                    throw exit
                } catch {
                    // Nothing of the batch was stored: it comes again from the old cursor.
                    logger.error("commit failed", metadata: ["network": "\(network.name)", "error": "\(type(of: error))"])
                    PipelineMetrics.error("commit", network: network.name)
                    action = machine.failed(.transient(after: nil), now: clock.now())
                    try? store.recordHealth(network: network.name, receivedAt: nil, error: "commit: \(error)")
                }
            case .wait(let until):
                try await clock.sleep(until: until)
                action = machine.wokeUp()
            case .stop(let exit):
                if let exit { throw exit }
                throw CancellationError()
            }
        }
    }

    private func fail(_ machine: inout ReceiveStateMachine, _ error: any Error) -> ReceiveStateMachine.Action {
        let failure = Task.isCancelled ? .cancelled : network.classify(error)
        if failure != .cancelled {
            logger.warning("network step failed", metadata: ["network": "\(network.name)", "failure": "\(failure)"])
            PipelineMetrics.error("receive", network: network.name)
            try? store.recordHealth(network: network.name, receivedAt: nil, error: "\(error)")
        }
        return machine.failed(failure, now: clock.now())
    }

    private func deliveryLoop(_ events: AsyncStream<DeliveryEvent>, _ sink: AsyncStream<DeliveryEvent>.Continuation) async throws {
        var machine = DeliveryStateMachine(maxInFlight: configuration.maxInFlight, backoff: configuration.backoff,
                                           seed: configuration.seed &+ 1)
        try await withThrowingDiscardingTaskGroup { group in
            for await event in events {
                let now = clock.now()
                let actions: [DeliveryStateMachine.Action]
                switch event {
                case .outboxGrew:
                    var fresh: [QueuedReply] = []
                    while true {
                        let page = try store.pending(network: network.name, after: max(machine.highWater, fresh.last?.id ?? 0), limit: 500)
                        fresh += page
                        if page.count < 500 { break }
                    }
                    actions = machine.enqueue(fresh, now: now)
                case .delivered(let reply): actions = machine.delivered(reply, now: now)
                case .failed(let reply, let failure): actions = machine.failed(reply, failure, now: now)
                case .tick: actions = machine.tick(now: now)
                }
                for action in actions {
                    switch action {
                    case .deliver(let reply):
                        group.addTask { [network, store, clock] in
                            do {
                                try await network.deliver(reply, recordSent: { try store.markDelivered(reply, at: clock.now()) })
                                sink.yield(.delivered(reply))
                            } catch {
                                sink.yield(.failed(reply, Task.isCancelled ? .cancelled : network.classify(error)))
                            }
                        }
                    case .markDelivered(let reply):
                        try store.markDelivered(reply, at: now)
                        PipelineMetrics.sent(network: network.name)
                        logger.debug("reply delivered", metadata: ["network": "\(network.name)", "outbox_id": "\(reply.id)"])
                    case .markAbandoned(let reply, let reason):
                        logger.warning("reply refused for good", metadata: ["network": "\(network.name)", "outbox_id": "\(reply.id)"])
                        try store.markAbandoned(reply, reason: reason, at: now)
                        PipelineMetrics.error("delivery_refused", network: network.name)
                    case .recordAttempt(let reply, let error):
                        logger.warning("reply delivery failed", metadata: ["network": "\(network.name)", "outbox_id": "\(reply.id)"])
                        try store.recordAttempt(reply, error: error)
                        PipelineMetrics.error("delivery", network: network.name)
                    case .wake(let at):
                        group.addTask { [clock] in
                            try await clock.sleep(until: at)
                            sink.yield(.tick)
                        }
                    case .stop(let exit):
                        throw exit
                    }
                }
            }
        }
    }
}

/// The pipeline's clock: injected, so a test can run the service on virtual time.
public protocol PipelineClock: Sendable {
    /// Seconds since 1970.
    func now() -> Double
    func sleep(until instant: Double) async throws
}

public struct SystemPipelineClock: PipelineClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
    public func sleep(until instant: Double) async throws {
        let seconds = instant - now()
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) }
    }
}

/// Runs work to completion even if the calling task is cancelled: a batch being stored must not
/// be cut in half by shutdown.
func shielded<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await Task { try await work() }.value
}
