import CoachCore
import CoachStore
import MatrixTransport

/// The Matrix session and the bot's direct rooms, in the coachbot database. The token is stored,
/// never logged.
public struct SQLiteMatrixSessions: MatrixSessionStore {
    public let store: CoachStore
    static let network = "matrix"

    /// Keys in `sync_state`.
    public enum Key {
        public static let user = "matrix.user_id"
        public static let token = "matrix.access_token"
        public static let device = "matrix.device_id"
    }

    public init(store: CoachStore) {
        self.store = store
    }

    public func loadSession() throws -> MatrixSession? {
        try store.read { db in
            guard let user = try db.syncValue(Key.user), let token = try db.syncValue(Key.token) else { return nil }
            return MatrixSession(userID: user, accessToken: token, deviceID: try db.syncValue(Key.device))
        }
    }

    public func saveSession(_ session: MatrixSession) throws {
        try store.write { db in
            try db.setSyncValue(Key.user, session.userID)
            try db.setSyncValue(Key.token, session.accessToken)
            if let device = session.deviceID { try db.setSyncValue(Key.device, device) }
        }
    }

    public func directRoom(with userID: String) throws -> String? {
        try store.read { db in
            guard let person = try db.findPerson(Identity(network: Self.network, address: userID)) else { return nil }
            return try db.room(kind: person.role == .athlete ? .athleteDirect : .coachDirect, network: Self.network, person: person.id)?.roomID
        }
    }

    public func saveDirectRoom(_ roomID: String, with userID: String) throws {
        try store.write { db in
            guard let person = try db.findPerson(Identity(network: Self.network, address: userID)) else { return }
            _ = try db.upsertRoom(network: Self.network, roomID: roomID,
                                  kind: person.role == .athlete ? .athleteDirect : .coachDirect, person: person.id)
        }
    }
}
