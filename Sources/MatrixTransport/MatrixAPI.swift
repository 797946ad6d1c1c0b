/// The Client-Server API calls the daemon makes. `MatrixClient` is the real one; tests give the
/// daemon a scripted fake, so its loop (retries, back-fill, shutdown) is tested without a server.
public protocol MatrixAPI: Sendable {
    func setAccessToken(_ accessToken: String?)
    func login(user: String, password: String, deviceID: String?) async throws(MatrixError) -> LoginResponse
    func whoami() async throws(MatrixError) -> WhoAmIResponse
    func createFilter(userID: String, filter: SyncFilter) async throws(MatrixError) -> String
    func sync(since: String?, filterID: String?, timeout: Duration) async throws(MatrixError) -> SyncResponse
    func messages(roomID: String, from: String?, to: String?, direction: MatrixClient.Direction, limit: Int)
        async throws(MatrixError) -> MessagesResponse
    func join(_ roomIDOrAlias: String) async throws(MatrixError) -> String
    func send(roomID: String, txnID: String, content: RoomMessageContent) async throws(MatrixError) -> String
    func createDirectRoom(with userID: String) async throws(MatrixError) -> String
    func members(roomID: String) async throws(MatrixError) -> [ClientEvent]
}

extension MatrixClient: MatrixAPI {}
