import ChatPipeline
/// What to do after a failed Matrix call. Pure: the daemon supplies the attempt count and the
/// random source, so tests can pin the jitter.
///
/// - 429: wait what the server said (`Retry-After` / `retry_after_ms`), else back off.
/// - 5xx, network errors, unreadable answers: exponential back-off with jitter, 0.5 s doubling
///   to 60 s, so an outage neither busy-loops nor waits too long once the server is back.
/// - `M_UNKNOWN_TOKEN`: fatal; the access token is gone and only an operator can fix it.
/// - other 4xx: give up on this request (retrying the same request cannot succeed).
public struct RetryPolicy: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case retry(after: Duration)
        case giveUp(reason: String)
        case fatal(reason: String)
    }

    public var initialDelay: Duration
    public var maxDelay: Duration
    /// Delays are drawn from `[(1 - jitter) * d, d]`, so many clients do not retry in step.
    public var jitter: Double

    public init(initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(60), jitter: Double = 0.5) {
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The pipeline's back-off with this policy's figures.
    var schedule: Backoff { Backoff(initial: initialDelay, maximum: maxDelay, jitter: jitter) }

    /// The back-off ceiling for the n-th consecutive failure (0-based): 0.5, 1, 2, … 60 s.
    public func ceiling(attempt: Int) -> Duration {
        .milliseconds(Int64(schedule.ceiling(attempt: attempt) * 1000))
    }

    public func backoff(attempt: Int, using random: inout some RandomNumberGenerator) -> Duration {
        .milliseconds(Int64(schedule.delay(attempt: attempt, using: &random) * 1000))
    }

    public func decide(_ error: MatrixError, attempt: Int, using random: inout some RandomNumberGenerator) -> Decision {
        switch error {
        case .http(let e):
            if e.isTransient { return .retry(after: backoff(attempt: attempt, using: &random)) }
            return .giveUp(reason: e.description)
        case .badResponse:
            return .retry(after: backoff(attempt: attempt, using: &random))
        case .notLoggedIn:
            return .fatal(reason: "not logged in")
        case .server(let status, let errcode, _, let retryAfter):
            if errcode == "M_UNKNOWN_TOKEN" {
                return .fatal(reason: "the homeserver no longer accepts the access token (M_UNKNOWN_TOKEN); log in again")
            }
            if status == 429 || errcode == "M_LIMIT_EXCEEDED" {
                if let retryAfter { return .retry(after: min(max(retryAfter, .zero), .seconds(3600))) }
                return .retry(after: backoff(attempt: attempt, using: &random))
            }
            if status >= 500 || status == 408 { return .retry(after: backoff(attempt: attempt, using: &random)) }
            return .giveUp(reason: error.description)
        }
    }

    public func decide(_ error: MatrixError, attempt: Int) -> Decision {
        var rng = SystemRandomNumberGenerator()
        return decide(error, attempt: attempt, using: &rng)
    }
}
