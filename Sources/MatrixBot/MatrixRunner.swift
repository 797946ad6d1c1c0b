import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import HTTPClient
import Logging
import MatrixTransport
import ServiceLifecycle

/// Runs the bot on Matrix until SIGTERM/SIGINT (clean stop: the batch in hand is committed,
/// nothing is half-written) or a fatal error (a distinct exit code).
public enum MatrixRunner {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public var exitCode: Int32
    }

    public static func run(config: TeamConfig, store: CoachStore, parser: CheckinParser, logger: Logger) async throws {
        guard let matrix = config.matrix else {
            throw Failure(description: "the config has no [matrix] section", exitCode: 64)
        }
        try store.write { db in try config.apply(to: db, at: Date().timeIntervalSince1970) }
        let state = SQLiteMatrixState(store: store)
        if try state.loadSession() == nil, let token = matrix.accessToken {
            try state.saveSession(MatrixSession(userID: matrix.user, accessToken: token, deviceID: matrix.deviceID))
        }
        let http = HTTPClient(configuration: .init(connectTimeout: .seconds(10), requestTimeout: .seconds(45)), logger: logger)
        defer { http.shutdown() }
        let client = MatrixClient(homeserver: matrix.homeserver, http: http, logger: logger)
        let inviters = Set(config.people.compactMap(\.matrix))
        let coachesRoom = matrix.coachesRoom
        let daemon = MatrixDaemon(
            client: client, store: state, handler: BotBatchHandler(bot: Bot(store: store, parser: parser), logger: logger),
            configuration: .init(
                user: matrix.user, password: matrix.password, deviceID: matrix.deviceID, allowedInviters: inviters,
                rooms: [coachesRoom],
                roomJoined: { requested, roomID in
                    // An alias (#coaches:server) becomes the room id messages arrive with.
                    guard requested == coachesRoom, roomID != requested else { return }
                    try store.write { db in _ = try db.upsertRoom(network: BotBatchHandler.network, roomID: roomID, kind: .coaches, person: nil) }
                }),
            logger: logger)
        let group = ServiceGroup(services: [daemon], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch let error as MatrixDaemonError {
            throw Failure(description: error.description, exitCode: error.exitCode)
        }
    }
}
