/// The readiness score: explains, never decides. 80 is neutral; findings add signed points per
/// category (HRV, resting HR, sleep, wellness, load); clamped to 0...100.
public enum ReadinessScore {
    public static let neutral = 80

    public static func score(_ findings: [RuleFinding]) -> (score: Int, contributors: [Contributor]) {
        var sums: [ScoreCategory: Int] = [:]
        for f in findings {
            if let c = f.category, f.impact != 0 { sums[c, default: 0] += f.impact }
        }
        let contributors = ScoreCategory.allCases.compactMap { c -> Contributor? in
            guard let v = sums[c], v != 0 else { return nil }
            return Contributor(name: c.rawValue, impact: v)
        }
        // Stable: equal magnitudes keep the category order.
        let sorted = contributors.enumerated().sorted {
            abs($0.element.impact) != abs($1.element.impact)
                ? abs($0.element.impact) > abs($1.element.impact) : $0.offset < $1.offset
        }.map(\.element)
        let total = neutral + sums.values.reduce(0, +)
        return (min(100, max(0, total)), sorted)
    }
}
