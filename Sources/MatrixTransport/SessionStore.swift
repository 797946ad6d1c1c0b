import CoachCore

/// The bot's login on the homeserver. Login is heavily rate-limited, so it is stored and reused.
public struct MatrixSession: Sendable, Equatable {
    public var userID: String
    public var accessToken: String
    public var deviceID: String?

    public init(userID: String, accessToken: String, deviceID: String?) {
        self.userID = userID
        self.accessToken = accessToken
        self.deviceID = deviceID
    }
}

/// What only Matrix keeps: the session and the direct rooms the bot opened. Cursors, the outbox
/// and processed ids are the pipeline's.
public protocol MatrixSessionStore: Sendable {
    func loadSession() throws -> MatrixSession?
    func saveSession(_ session: MatrixSession) throws
    /// The private room the bot has with a user, if any (for messages addressed to a user id).
    func directRoom(with userID: String) throws -> String?
    /// Remembers a direct room the bot opened.
    func saveDirectRoom(_ roomID: String, with userID: String) throws
}
