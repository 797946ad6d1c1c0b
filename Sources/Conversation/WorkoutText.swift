import CoachCore

/// How a workout reads in a message: "threshold 60 min (6x5min at LT2)".
public enum WorkoutText {
    public static func describe(_ w: WorkoutSpec?) -> String {
        guard let w else { return "nothing planned" }
        if let words = w.words, !words.isEmpty { return words }
        var text = w.type == .rest ? "rest day" : w.type.rawValue
        if w.type != .rest {
            if let m = w.minutes { text += " \(m) min" }
            if let k = w.km { text += " \(formatNumber(k)) km" }
        }
        var details: [String] = []
        // One level of parentheses at most, and nothing said twice ("rest day (rest day)").
        func flat(_ s: String) -> String {
            var out = ""
            for ch in s {
                if ch == "(" {
                    if out.last == " " { out.removeLast() }
                    out += ", "
                } else if ch != ")" {
                    out.append(ch)
                }
            }
            return out
        }
        if let d = w.description, !d.isEmpty, d != text { details.append(flat(d)) }
        if let t = w.target, !t.isEmpty, t != w.description, t != text { details.append(flat(t)) }
        if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        return text
    }
}
