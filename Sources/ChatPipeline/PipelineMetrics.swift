import CoreMetrics


/// What the pipeline counts through swift-metrics (no-ops until a metrics backend is bootstrapped,
/// as `coachbot run` does when `[http]` is configured). Names are in docs/operations.md.
public enum PipelineMetrics {
    public static let messagesReceived = "coachbot_messages_received_total"
    public static let repliesSent = "coachbot_replies_sent_total"
    public static let errors = "coachbot_errors_total"
    public static let handlingDuration = "coachbot_message_handling_seconds"

    static func received(_ count: Int, network: String) {
        guard count > 0 else { return }
        Counter(label: messagesReceived, dimensions: [("network", network)]).increment(by: count)
    }

    static func sent(network: String) {
        Counter(label: repliesSent, dimensions: [("network", network)]).increment()
    }

    /// One error of `kind` (`receive`, `commit`, `delivery`, `delivery_refused`).
    static func error(_ kind: String, network: String) {
        Counter(label: errors, dimensions: [("kind", kind), ("network", network)]).increment()
    }

    /// A batch's handling (the bot and one commit), spread evenly over its messages.
    static func handled(_ count: Int, in duration: Duration) {
        guard count > 0 else { return }
        let timer = CoreMetrics.Timer(label: handlingDuration)
        let each = duration / count
        for _ in 0..<count { timer.recordInterval(each) }
    }
}

extension CoreMetrics.Timer {
    func recordInterval(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
