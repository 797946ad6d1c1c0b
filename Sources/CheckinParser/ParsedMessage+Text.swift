import CoachCore

extension ParsedMessage {
    /// The human-readable form `coachbot parse` prints without `--json`.
    public var summary: String {
        var lines = ["intent: \(intent.rawValue)" + (language.map { " (\($0.rawValue))" } ?? "")]
        let m = metrics
        func score(_ s: Score) -> String { "\(formatNumber(s.value))/\(s.outOf)" }
        if let v = m.hrvMs { lines.append("  hrv: \(formatNumber(v)) ms") }
        if let v = m.rhrBpm { lines.append("  resting hr: \(formatNumber(v)) bpm") }
        if let v = m.sleepHours { lines.append("  sleep: \(formatNumber(v)) h") }
        if let v = m.sleepQuality { lines.append("  sleep quality: \(score(v))") }
        if let v = m.fatigue { lines.append("  fatigue: \(score(v))") }
        if let v = m.stress { lines.append("  stress: \(score(v))") }
        if let v = m.mood { lines.append("  mood: \(score(v))") }
        if let v = m.motivation { lines.append("  motivation: \(score(v))") }
        if let v = m.temperatureC { lines.append("  temperature: \(formatNumber(v)) °C") }
        for s in soreness { lines.append("  soreness: \(s.side.map { $0.rawValue + " " } ?? "")\(s.location.rawValue)") }
        for p in pain {
            var line = "  pain: \(p.side.map { $0.rawValue + " " } ?? "")\(p.location.rawValue)"
            if let s = p.score { line += " \(formatNumber(s))/10" }
            if p.gaitAffected { line += ", gait affected" }
            if !p.redFlags.isEmpty { line += ", " + p.redFlags.map(\.rawValue).joined(separator: ", ") }
            lines.append(line)
        }
        if !illness.isEmpty { lines.append("  illness: " + illness.map(\.rawValue).joined(separator: ", ")) }
        if let w = workout {
            var parts: [String] = []
            if let v = w.minutes { parts.append("\(formatNumber(v)) min") }
            if let v = w.km { parts.append("\(formatNumber(v)) km") }
            if let v = w.rpe { parts.append("rpe \(formatNumber(v))") }
            lines.append("  workout: " + parts.joined(separator: ", "))
        }
        if let a = athlete { lines.append("  athlete: \(a)") }
        if let d = date { lines.append("  date: \(d)") }
        if let p = prescribed {
            lines.append("  workout: \(p.type.rawValue)" + (p.minutes.map { " \($0) min" } ?? "") + (p.description.map { " \"\($0)\"" } ?? ""))
        }
        if let d = day { lines.append("  day: \(d)") }
        if let n = noteText { lines.append("  note: \(n)") }
        if let u = unparsed { lines.append("  unparsed: \(u)") }
        return lines.joined(separator: "\n")
    }
}
