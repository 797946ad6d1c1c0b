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
import ServiceLifecycle

/// Runs the bot on every configured network (Matrix, IRC, or both from one database) until
/// SIGTERM/SIGINT (clean stop: the batch in hand is committed, nothing is half-written) or a fatal
/// error (a distinct exit code). Each network is its own pipeline service; they share the bot and
/// the database, so a person with both addresses is one athlete.
public enum MatrixRunner {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public var exitCode: Int32
    }

    public static func run(config: TeamConfig, store: CoachStore, parser: CheckinParser, logger: Logger,
                           pipeline: PipelineService<MatrixNetwork>.Configuration = .init()) async throws {
        guard config.matrix != nil || config.irc != nil else {
            throw Failure(description: "configuration error: the config has neither a [matrix] nor an [irc] section", exitCode: 78)
        }
        try store.write { db in try config.apply(to: db, at: Date().timeIntervalSince1970) }
        let bot = Bot(store: store, parser: parser)
        let pipelineStore = SQLitePipelineStore(store: store, handler: bot)
        var services: [any Service] = []
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
        }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch let exit as PipelineExit {
            throw Failure(description: exit.description, exitCode: exit.exitCode)
        }
    }
}
