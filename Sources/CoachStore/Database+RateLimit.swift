import GRDB

/// What the abuse limit decides for one message.
public enum RateDecision: Sendable, Equatable {
    /// Within the limit: answer as usual.
    case answer
    /// The first message over the limit this window: say "slow down" once.
    case warn
    /// Over the limit and already warned: no answer until the window ends.
    case silent
}

extension Database {
    /// Counts a message from `address` in its one-minute window (a fixed window that starts at the
    /// first message after the previous one ended) and decides whether it is answered. Written in
    /// the message's own transaction, so a replayed batch decides the same way.
    public func countMessage(network: String, address: String, at time: Double, limit: Int, window: Double = 60) throws -> RateDecision {
        let row = try Row.fetchOne(cachedStatement(sql: "SELECT window_start, count, warned FROM message_rates WHERE network = ? AND address = ?"),
                                   arguments: [network, address])
        var start: Double = row?[0] ?? time, count: Int = row?[1] ?? 0, warned: Bool = row?[2] ?? false
        if time - start >= window || time < start {
            (start, count, warned) = (time, 0, false)
        }
        count += 1
        let decision: RateDecision = count <= limit ? .answer : warned ? .silent : .warn
        if decision == .warn { warned = true }
        try cachedStatement(sql: """
            INSERT INTO message_rates (network, address, window_start, count, warned) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(network, address) DO UPDATE SET window_start = excluded.window_start, count = excluded.count, warned = excluded.warned
            """).execute(arguments: [network, address, start, count, warned])
        return decision
    }
}
