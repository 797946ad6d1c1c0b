/// How serious a finding is (spec §4–§5). The raw values are the words the coach reads.
public enum Severity: String, Sendable, Equatable, Codable, CaseIterable {
    case critical = "CRITICAL", high = "HIGH", medium = "MEDIUM"
}

/// One problem found by the validation cascade: `SYSTEM SEVERITY: message → resolution`.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// The system's exact name from the spec's table (THRESHOLD, SCHEDULE, …).
    public var system: String
    public var severity: Severity
    public var message: String
    public var resolution: String

    public init(system: String, severity: Severity, message: String, resolution: String) {
        self.system = system; self.severity = severity; self.message = message; self.resolution = resolution
    }

    public var description: String { "\(system) \(severity.rawValue): \(message) → \(resolution)" }
}

/// Figures written for people: at most one decimal, none when whole ("60", "62.5").
enum Figure {
    static func km(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
