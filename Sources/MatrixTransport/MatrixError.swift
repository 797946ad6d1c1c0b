import HTTPClient

/// Why a Matrix call failed: below HTTP, an error answer from the homeserver, or an answer that
/// could not be read. `RetryPolicy` decides what each means for the daemon.
public enum MatrixError: Error, Sendable, Equatable, CustomStringConvertible {
    case http(HTTPClientError)
    /// The server answered with a non-2xx status. `retryAfter` comes from the `Retry-After`
    /// header or the body's `retry_after_ms`, whichever is given (the header wins).
    case server(status: Int, errcode: String?, message: String?, retryAfter: Duration?)
    case badResponse(String)
    /// An operation needs a logged-in client.
    case notLoggedIn

    public var description: String {
        switch self {
        case .http(let e): "\(e)"
        case .server(let status, let errcode, let message, _):
            "homeserver answered \(status) \(errcode ?? "")\(message.map { ": \($0)" } ?? "")"
        case .badResponse(let m): "unreadable answer from the homeserver: \(m)"
        case .notLoggedIn: "not logged in"
        }
    }

    public var errcode: String? {
        if case .server(_, let errcode, _, _) = self { return errcode }
        return nil
    }

    public var isCancellation: Bool { self == .http(.cancelled) }

    /// Builds the error for a non-2xx response.
    public static func from(status: Int, headers retryAfterHeader: String?, body: MatrixErrorBody?) -> MatrixError {
        var retryAfter: Duration?
        if let header = retryAfterHeader?.trimmingSpaces, let seconds = Double(header), seconds >= 0 {
            retryAfter = .milliseconds(Int64(seconds * 1000))
        } else if let ms = body?.retryAfterMS, ms >= 0 {
            retryAfter = .milliseconds(Int64(ms))
        }
        return .server(status: status, errcode: body?.errcode, message: body?.error, retryAfter: retryAfter)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
