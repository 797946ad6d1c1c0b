import CoachCore
import CoachStore
import Foundation
import MatrixTransport

/// The Matrix transport's state in the coachbot database: the session (access token, device),
/// the sync token, the outbox, and what `coachbot status` shows. The token is stored, never logged.
public struct SQLiteMatrixState: MatrixStateStore {
    public let store: CoachStore

    /// Keys in `sync_state`.
    public enum Key {
        public static let user = "matrix.user_id"
        public static let token = "matrix.access_token"
        public static let device = "matrix.device_id"
        public static let since = "matrix.since"
        public static let lastSync = "matrix.last_sync"
        public static let lastError = "matrix.last_error"
        public static let lastTick = "matrix.last_tick"
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

    public func loadSince() throws -> String? {
        try store.read { db in try db.syncValue(Key.since) }
    }

    public func pendingOutbox(limit: Int) throws -> [OutboxEntry] {
        try store.read { db in
            try db.pendingOutbox(limit: limit).map {
                OutboxEntry(txnID: $0.txnID, message: OutgoingMessage(room: $0.roomID, text: $0.body, html: $0.html, replyTo: $0.replyTo),
                            attempts: $0.attempts)
            }
        }
    }

    public func markSent(txnID: String, eventID: String) throws {
        try store.write { db in try db.markOutboxSent(txnID: txnID, at: Date().timeIntervalSince1970) }
    }

    public func markFailed(txnID: String, reason: String) throws {
        try store.write { db in try db.markOutboxAbandoned(txnID: txnID, reason: reason, at: Date().timeIntervalSince1970) }
    }

    public func recordAttempt(txnID: String) throws {
        try store.write { db in try db.recordOutboxAttempt(txnID: txnID) }
    }

    public func recordError(_ message: String?) throws {
        try store.write { db in try db.setSyncValue(Key.lastError, message ?? "") }
    }

    public func directRoom(with userID: String) throws -> String? {
        try store.read { db in
            guard let person = try db.findPerson(Identity(network: BotBatchHandler.network, address: userID)) else { return nil }
            return try db.room(kind: person.role == .athlete ? .athleteDirect : .coachDirect, network: BotBatchHandler.network, person: person.id)?.roomID
        }
    }

    public func saveDirectRoom(_ roomID: String, with userID: String) throws {
        try store.write { db in
            guard let person = try db.findPerson(Identity(network: BotBatchHandler.network, address: userID)) else { return }
            _ = try db.upsertRoom(network: BotBatchHandler.network, roomID: roomID,
                                  kind: person.role == .athlete ? .athleteDirect : .coachDirect, person: person.id)
        }
    }

    public func recordSync(at time: Double) throws {
        try store.write { db in try db.setSyncValue(Key.lastSync, String(time)) }
    }
}
