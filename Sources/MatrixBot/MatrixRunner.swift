import ChatPipeline
import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import HTTPClient
import Logging
import MatrixTransport
import Metrics
import OpsHTTP
import Prometheus
import ServiceLifecycle

/// Runs the bot on Matrix through the pipeline until SIGTERM/SIGINT (clean stop: the batch in
/// hand is committed, nothing is half-written) or a fatal error (a distinct exit code).
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
        guard let matrix = config.matrix else {
            throw Failure(description: "configuration error: the config has no [matrix] section", exitCode: 78)
        }
        if let keyFile = config.backup?.keyFile {
            // A key that cannot be read would fail every backup: refuse to start instead.
            do { _ = try BackupKey(file: keyFile) } catch {
                throw Failure(description: "configuration error: \(error)", exitCode: 78)
            }
        }
        try store.write { db in try config.apply(to: db, at: Date().timeIntervalSince1970) }
        let sessions = SQLiteMatrixSessions(store: store)
        if try sessions.loadSession() == nil, let token = matrix.accessToken {
            try sessions.saveSession(MatrixSession(userID: matrix.user, accessToken: token, deviceID: matrix.deviceID))
        }
        let http = HTTPClient(configuration: .init(connectTimeout: .seconds(10), requestTimeout: .seconds(45)), logger: logger)
        defer { http.shutdown() }
        let coachesRoom = matrix.coachesRoom
        let network = MatrixNetwork(
            client: MatrixClient(homeserver: matrix.homeserver, http: http, logger: logger), sessions: sessions,
            configuration: .init(
                user: matrix.user, password: matrix.password, deviceID: matrix.deviceID,
                allowedInviters: Set(config.people.compactMap(\.matrix)), rooms: [coachesRoom],
                roomJoined: { requested, roomID in
                    // An alias (#coaches:server) becomes the room id messages arrive with.
                    guard requested == coachesRoom, roomID != requested else { return }
                    try store.write { db in _ = try db.upsertRoom(network: "matrix", roomID: roomID, kind: .coaches, person: nil) }
                }),
            logger: logger)
        let service = PipelineService(network: network, store: SQLitePipelineStore(store: store, handler: Bot(store: store, parser: parser)),
                                      configuration: pipeline, logger: logger)
        var services: [any Service] = [service]
        if let http = config.http {
            _ = metricsBootstrapped
            services.append(OpsServer.application(settings: http, store: store, networks: ["matrix"], registry: metricsRegistry, logger: logger))
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
