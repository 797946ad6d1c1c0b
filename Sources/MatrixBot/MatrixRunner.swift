import ChatPipeline
import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import HTTPClient
import IRCTransport
import Logging
import MatrixTransport
import Metrics
import OpsHTTP
import Prometheus
import ServiceLifecycle

/// Runs the bot on every configured network (Matrix, IRC, or both from one database) until
/// SIGTERM/SIGINT (clean stop: the batch in hand is committed, nothing is half-written) or a fatal
/// error (a distinct exit code). Each network is its own pipeline service; they share the bot and
/// the database, so a person with both addresses is one athlete. Beside them: the metrics and
/// health endpoints (`[http]`) and the daily verified backup (`[backup]`).
public enum MatrixRunner {
    /// The process's one metrics registry; swift-metrics is bootstrapped to it once, when `[http]` is set.
    static let metricsRegistry = PrometheusCollectorRegistry()
    private static let metricsBootstrapped: Void = MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metricsRegistry))

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public var exitCode: Int32
    }

    public static func run(config: TeamConfig, store: CoachStore, parser: CheckinParser, logger: Logger,
                           pipeline: PipelineService<MatrixNetwork>.Configuration = .init()) async throws {
        guard config.matrix != nil || config.irc != nil else {
            throw Failure(description: "configuration error: the config has neither a [matrix] nor an [irc] section", exitCode: 78)
        }
        if let keyFile = config.backup?.keyFile {
            // A key that cannot be read would fail every backup: refuse to start instead.
            do { _ = try BackupKey(file: keyFile) } catch {
                throw Failure(description: "configuration error: \(error)", exitCode: 78)
            }
        }
        try store.write { db in try config.apply(to: db, at: Date().timeIntervalSince1970) }
        let pipelineStore = SQLitePipelineStore(store: store, handler: Bot(store: store, parser: parser))
        var services: [any Service] = []
        var networks: [String] = []
        var http: HTTPClient?
        defer { http?.shutdown() }
        if let matrix = config.matrix {
            let sessions = SQLiteMatrixSessions(store: store)
            if try sessions.loadSession() == nil, let token = matrix.accessToken {
                try sessions.saveSession(MatrixSession(userID: matrix.user, accessToken: token, deviceID: matrix.deviceID))
            }
            let client = HTTPClient(configuration: .init(connectTimeout: .seconds(10), requestTimeout: .seconds(45)), logger: logger)
            http = client
            let coachesRoom = matrix.coachesRoom
            let network = MatrixNetwork(
                client: MatrixClient(homeserver: matrix.homeserver, http: client, logger: logger), sessions: sessions,
                configuration: .init(
                    user: matrix.user, password: matrix.password, deviceID: matrix.deviceID,
                    allowedInviters: Set(config.people.compactMap(\.matrix)), rooms: [coachesRoom],
                    roomJoined: { requested, roomID in
                        // An alias (#coaches:server) becomes the room id messages arrive with.
                        guard requested == coachesRoom, roomID != requested else { return }
                        try store.write { db in _ = try db.upsertRoom(network: "matrix", roomID: roomID, kind: .coaches, person: nil) }
                    }),
                logger: logger)
            services.append(PipelineService(network: network, store: pipelineStore, configuration: pipeline, logger: logger))
            networks.append("matrix")
        }
        if let irc = config.irc {
            let mechanism = IRCClientStateMachine.SASLMechanism(rawValue: irc.saslMechanism) ?? .scramSHA256
            let network = IRCNetwork(configuration: .init(
                host: irc.server, port: irc.port, tls: irc.tls, fingerprint: irc.tlsFingerprint, clientCertificate: irc.tlsClientCert,
                client: .init(nick: irc.nick, mechanism: mechanism, account: irc.saslUser, password: irc.saslPassword ?? "",
                              channels: [(irc.coachesChannel, irc.coachesChannelKey)]),
                messagesPerSecond: irc.messagesPerSecond), logger: logger)
            // IRC reconnects with back-off from 2 s to 300 s, never giving up.
            services.append(PipelineService(network: network, store: pipelineStore,
                                            configuration: .init(maxInFlight: pipeline.maxInFlight, backoff: Backoff(initial: .seconds(2), maximum: .seconds(300))),
                                            logger: logger))
            networks.append("irc")
        }
        if let settings = config.http {
            _ = metricsBootstrapped
            services.append(OpsServer.application(settings: settings, store: store, networks: networks, registry: metricsRegistry, logger: logger))
        }
        if let backup = config.backup {
            if backup.keyFile == nil { logger.warning("backups are not encrypted: set [backup] key_file") }
            services.append(BackupService(job: BackupJob(store: store, settings: backup), logger: logger))
        }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch let exit as PipelineExit {
            throw Failure(description: exit.description, exitCode: exit.exitCode)
        }
    }
}
