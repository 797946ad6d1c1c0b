import CoachCore

/// A value in a message that cannot be true ("HRV 900", "sleep 30 h", "pain 14/10"). The bot
/// answers with it and keeps only the raw text, so a typo never reaches the rules or the history.
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: String
    public var accepted: String

    public var description: String { "\(field) \(value) is not possible (I accept \(accepted))" }
}

public enum CheckinValidation {
    /// Every impossible value in `message`; empty when it can be used.
    public static func problems(in message: ParsedMessage) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        func check(_ field: String, _ value: Double?, _ range: ClosedRange<Double>, unit: String) {
            guard let value, !range.contains(value) else { return }
            let u = unit.isEmpty ? "" : " " + unit
            problems.append(ValidationProblem(field: field, value: formatNumber(value) + u,
                                              accepted: "\(formatNumber(range.lowerBound))–\(formatNumber(range.upperBound))\(u)"))
        }
        func check(_ field: String, _ score: Score?) {
            guard let score, score.value < 0 || score.value > Double(score.outOf) else { return }
            problems.append(ValidationProblem(field: field, value: "\(formatNumber(score.value))/\(score.outOf)", accepted: "0–\(score.outOf)"))
        }
        let m = message.metrics
        check("HRV", m.hrvMs, 5...300, unit: "ms")
        check("resting HR", m.rhrBpm, 25...120, unit: "bpm")
        check("sleep", m.sleepHours, 0...16, unit: "h")
        check("temperature", m.temperatureC, 34...43, unit: "°C")
        check("sleep quality", m.sleepQuality)
        check("fatigue", m.fatigue)
        check("stress", m.stress)
        check("mood", m.mood)
        check("motivation", m.motivation)
        for p in message.pain {
            if let s = p.score, s < 0 || s > 10 {
                problems.append(ValidationProblem(field: "\(p.location.rawValue.replacingUnderscores) pain", value: "\(formatNumber(s))/10", accepted: "0–10"))
            }
        }
        if let w = message.workout {
            check("duration", w.minutes, 1...1440, unit: "min")
            check("distance", w.km, 0.1...500, unit: "km")
            check("RPE", w.rpe, 1...10, unit: "")
            check("session HR", w.hrAvg, 30...250, unit: "bpm")
        }
        return problems
    }
}

extension String {
    /// `plantar_fascia` → `plantar fascia`, for people.
    public var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
