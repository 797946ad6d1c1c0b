/// `[http] listen = "127.0.0.1:9464"`: where `/metrics`, `/healthz` and `/readyz` are served.
/// Only loopback addresses are accepted: the endpoints are for a local Prometheus or a reverse
/// proxy, never the open network.
public struct HTTPSettings: Sendable, Hashable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (`[::1]:9464` for IPv6); nil with the reason when it is not loopback.
    public static func parse(_ text: String) -> Result<HTTPSettings, TeamConfig.ConfigError> {
        func fail(_ why: String) -> Result<HTTPSettings, TeamConfig.ConfigError> {
            .failure(TeamConfig.ConfigError(description: "[http] listen \(why) (got \"\(text)\"; e.g. \"127.0.0.1:9464\")"))
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            return fail("should be HOST:PORT")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard host == "localhost" || host == "::1" || host.hasPrefix("127.") else {
            return fail("must be a loopback address (127.0.0.1, ::1 or localhost)")
        }
        return .success(HTTPSettings(host: host, port: port))
    }
}
