import ChatPipeline

/// `# HELP` lines for the exposition. swift-metrics carries no help text (its Prometheus backend
/// writes none), and `promtool check metrics` rightly asks for it, so the text is added here, by
/// name, in front of each `# TYPE` line.
public enum MetricHelp {
    public static let texts: [String: String] = [
        PipelineMetrics.messagesReceived: "Chat messages received, per network.",
        PipelineMetrics.repliesSent: "Messages delivered to the chat network, per network.",
        PipelineMetrics.errors: "Errors, per kind (receive, commit, delivery, delivery_refused, metrics) and network.",
        PipelineMetrics.handlingDuration: "Seconds to handle one message (the bot and the commit of its batch).",
        StoreMetrics.checkins: "Check-ins stored.",
        StoreMetrics.alerts: "Alerts raised to coaches.",
        StoreMetrics.decisions: "Readiness assessments, per decision.",
        StoreMetrics.outboxDepth: "Messages waiting in the outbox, per network.",
        StoreMetrics.secondsSinceSync: "Seconds since the last successful sync, per network (-1: never).",
        StoreMetrics.backupLastSuccess: "Unix time of the last verified backup (0: never).",
        StoreMetrics.backupLastSize: "Size in bytes of the last verified backup.",
        StoreMetrics.auditRows: "Rows in the audit.",
    ]

    /// The exposition with a `# HELP` line before every `# TYPE` line that has none.
    public static func annotate(_ exposition: String) -> String {
        var out: [Substring] = []
        var lastHelp: Substring?
        for line in exposition.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# HELP ") { lastHelp = line.dropFirst(7).split(separator: " ").first }
            if line.hasPrefix("# TYPE "), let name = line.dropFirst(7).split(separator: " ").first, lastHelp != name {
                out.append("# HELP \(name) \(texts[String(name)] ?? "coachbot metric \(name).")")
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
