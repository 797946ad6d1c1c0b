/// A token bucket below the server's flood limits: `burst` lines at once, then `rate` lines a
/// second. Pure: time is an input, and the caller sleeps the delay it returns.
public struct FloodBucket: Sendable, Equatable {
    public let burst: Double
    public let rate: Double
    private var tokens: Double
    private var updated: Double

    public init(burst: Int = 4, rate: Double = 1.0, now: Double) {
        self.burst = Double(max(burst, 1))
        self.rate = max(rate, 0.01)
        tokens = self.burst
        updated = now
    }

    /// Takes one line's token; returns how long to wait before sending it (0: now).
    public mutating func take(now: Double) -> Double {
        tokens = min(burst, tokens + max(0, now - updated) * rate)
        updated = max(updated, now)
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / rate
    }
}
