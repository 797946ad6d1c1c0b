import CoachCore

/// Exponential back-off with jitter: 0.5 s doubling to a ceiling, each delay drawn from
/// `[(1 - jitter)·d, d]` so that many clients do not retry in step. Pure: the caller owns the
/// random source, so tests pin it with a seed.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var jitter: Double

    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(60), jitter: Double = 0.5) {
        self.initial = initial
        self.maximum = maximum
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The ceiling of the n-th consecutive failure (0-based).
    public func ceiling(attempt: Int) -> Double {
        min(initial.inSeconds * Double(1 << min(max(attempt, 0), 30)), maximum.inSeconds)
    }

    /// The delay in seconds before the next try after the n-th consecutive failure.
    public func delay(attempt: Int, using random: inout some RandomNumberGenerator) -> Double {
        let high = ceiling(attempt: attempt)
        let low = high * (1 - jitter)
        return low == high ? high : Double.random(in: low...high, using: &random)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var inSeconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
