import CoachCore

/// Per-intent precision and recall and the confused pairs, from labelled messages: how well the
/// parser reads a team's own messages (after Rasa's intent report).
public struct IntentReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var intent: Intent
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public private(set) var rows: [Row] = []
    /// (expected, got, count), most frequent first.
    public private(set) var confusions: [(expected: Intent, got: Intent, count: Int)] = []
    public private(set) var correct = 0
    public private(set) var total = 0

    public init(pairs: [(expected: Intent, got: Intent)]) {
        total = pairs.count
        var truePositive: [Intent: Int] = [:], predicted: [Intent: Int] = [:], actual: [Intent: Int] = [:]
        var confused: [String: (Intent, Intent, Int)] = [:]
        for (expected, got) in pairs {
            actual[expected, default: 0] += 1
            predicted[got, default: 0] += 1
            if expected == got {
                truePositive[expected, default: 0] += 1
                correct += 1
            } else {
                let key = expected.rawValue + "→" + got.rawValue
                confused[key] = (expected, got, (confused[key]?.2 ?? 0) + 1)
            }
        }
        for intent in Intent.allCases where actual[intent] != nil || predicted[intent] != nil {
            let tp = Double(truePositive[intent] ?? 0)
            let p = predicted[intent].map { tp / Double($0) } ?? 0
            let r = actual[intent].map { tp / Double($0) } ?? 0
            rows.append(Row(intent: intent, precision: p, recall: r, f1: p + r > 0 ? 2 * p * r / (p + r) : 0, support: actual[intent] ?? 0))
        }
        confusions = confused.values.map { (expected: $0.0, got: $0.1, count: $0.2) }
            .sorted { ($0.count, $1.expected.rawValue) > ($1.count, $0.expected.rawValue) }
    }

    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// A fixed-width table an admin can read in a terminal.
    public func render() -> String {
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        func fmt(_ d: Double) -> String {
            let v = (d * 1000).rounded() / 1000
            var s = String(v)
            while s.count < 5 { s += "0" }
            return s
        }
        var out = pad("intent", 13) + lpad("precision", 10) + lpad("recall", 8) + lpad("f1", 7) + lpad("support", 9) + "\n"
        for r in rows {
            out += pad(r.intent.rawValue, 13) + lpad(fmt(r.precision), 10) + lpad(fmt(r.recall), 8) + lpad(fmt(r.f1), 7)
                + lpad(String(r.support), 9) + "\n"
        }
        out += "\naccuracy: \(fmt(accuracy)) (\(correct) of \(total) messages)\n"
        if confusions.isEmpty {
            out += "confused pairs: none\n"
        } else {
            out += "confused pairs (labelled → parsed: count):\n"
            for c in confusions { out += "  \(c.expected.rawValue) → \(c.got.rawValue): \(c.count)\n" }
        }
        return out
    }
}
