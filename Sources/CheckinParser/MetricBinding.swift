import CoachCore

/// Attaches values to metric keywords: "hrv 52", "52 hrv", "slept 6h badly", "great sleep",
/// "motivation low", and reads the words that set a metric by themselves ("tired").
extension ParseState {
    mutating func bindMetrics() {
        let keywords = items.indices.filter { items[$0].metric != nil && !items[$0].used }
        guard !keywords.isEmpty else { return }
        // "52 hrv, 48 rhr": when the first keyword has its value before it, read the message that way.
        let valueFirst = neighbour(of: keywords[0], step: -1).map { accepts(items[keywords[0]].metric, $0) } ?? false
        for k in keywords where !items[k].used {
            guard let metric = items[k].metric else { continue }
            if metric == .mood, k > 0, items[k - 1].location != nil { continue }  // "knee feels good"
            if metric == .rhr, isBareHeartRate(k), hasLogVerb || hasWorkoutWords { continue }  // "ran 6k hr 145"
            items[k].used = true
            if metric == .sleep {
                bindSleep(k, valueFirst: valueFirst)
                continue
            }
            let forward = neighbour(of: k, step: 1).flatMap { accepts(metric, $0) ? $0 : nil }
            let backward = neighbour(of: k, step: -1).flatMap { accepts(metric, $0) ? $0 : nil }
            let chosen = valueFirst ? (backward ?? forward) : (forward ?? backward)
            if let j = chosen { assign(metric, from: j, keyword: k) }
        }
    }

    /// "hr", "heart rate", "pulse" without "resting": in a logged session it is the session's.
    func isBareHeartRate(_ k: Int) -> Bool {
        guard items[k].metric == .rhr else { return false }
        switch text[items[k].range].lowercased() {
        case "hr", "heart rate", "heartrate", "pulse", "puls", "pulsen": return true
        default: return false
        }
    }

    /// Sleep takes hours and a quality word: "slept 6h badly", "great sleep 8h", "didn't sleep well".
    private mutating func bindSleep(_ k: Int, valueFirst: Bool) {
        var found = (hours: false, quality: false)
        if valueFirst {
            scanSleep(from: k, step: -1, reach: 2, &found)
            if !found.hours && !found.quality { scanSleep(from: k, step: 1, reach: 3, &found) }
        } else {
            scanSleep(from: k, step: 1, reach: 3, &found)
            if !found.hours || !found.quality { scanSleep(from: k, step: -1, reach: 2, &found) }
        }
    }

    private mutating func scanSleep(from k: Int, step: Int, reach: Int, _ found: inout (hours: Bool, quality: Bool)) {
        var j = k
        for _ in 0..<reach {
            guard let next = neighbour(of: j, step: step, limit: 2), !items[next].used, items[next].metric == nil else { return }
            j = next
            if !found.hours, let hours = sleepHours(items[j].value) {
                metrics.sleepHours = hours
                found.hours = true
            } else if !found.quality, let v = items[j].scale {
                metrics.sleepQuality = Score(value: Double(adjust(v, negation: negation(for: j, keyword: k))), outOf: 5)
                found.quality = true
            } else if !found.quality, case .fraction(let a, let b)? = items[j].value {
                metrics.sleepQuality = Score(value: a, outOf: Int(b))
                found.quality = true
            } else {
                return
            }
            items[j].used = true
        }
    }

    private func sleepHours(_ value: Value?) -> Double? {
        switch value {
        case .duration(let minutes, _)? where minutes >= -24 * 60 && minutes <= 72 * 60: return minutes / 60
        case .clock(let h, let m, nil)? where h <= 16 && m < 60: return Double(h) + Double(m) / 60
        case .plain(let n)? where n >= -24 && n <= 72: return n
        default: return nil
        }
    }

    /// Whether item `j` can be the value of `metric`.
    func accepts(_ metric: MetricKind?, _ j: Int) -> Bool {
        guard let metric, items.indices.contains(j), !items[j].used else { return false }
        let item = items[j]
        if let v = item.value {
            switch (metric, v) {
            // Wide on purpose: an impossible value is bound here and refused by validation with a
            // message naming it, instead of being silently dropped.
            case (.hrv, .plain(let n)), (.hrv, .milliseconds(let n)): return n >= 0 && n <= 5000
            case (.rhr, .plain(let n)), (.rhr, .bpm(let n)): return n >= 0 && n <= 500
            case (.temperature, .temperature): return true
            // "temperature 45" is read (and refused by validation as impossible), not dropped.
            case (.temperature, .plain(let n)): return (25...50).contains(n) || (90...120).contains(n)
            case (.sleepQuality, .fraction), (.fatigue, .fraction), (.stress, .fraction), (.mood, .fraction), (.motivation, .fraction):
                return true
            case (.sleepQuality, .plain(let n)), (.fatigue, .plain(let n)), (.stress, .plain(let n)),
                 (.mood, .plain(let n)), (.motivation, .plain(let n)):
                return n >= 0 && n <= 10 && n == n.rounded()
            case (.hrv, .fraction), (.rhr, .fraction): return false
            default: return false
            }
        }
        switch metric {
        case .sleepQuality, .mood, .motivation: return item.scale != nil || item.level != nil
        case .fatigue, .stress: return item.level != nil
        default: return false
        }
    }

    private mutating func assign(_ metric: MetricKind, from j: Int, keyword k: Int) {
        let item = items[j]
        items[j].used = true
        let negation = negation(for: j, keyword: k)
        var score: Score?
        switch item.value {
        case .plain(let n)?:
            switch metric {
            case .hrv: metrics.hrvMs = n
            case .rhr: metrics.rhrBpm = n
            case .temperature: metrics.temperatureC = n > 60 ? (n - 32) * 5 / 9 : n
            default: score = Score(value: n, outOf: n <= 5 ? 5 : 10)
            }
        case .milliseconds(let n)?: metrics.hrvMs = n
        case .bpm(let n)?: metrics.rhrBpm = n
        case .temperature(let c)?: metrics.temperatureC = c
        case .fraction(let a, let b)?: score = Score(value: a, outOf: Int(b))
        default:
            if let v = item.level ?? item.scale { score = Score(value: Double(adjust(v, negation: negation)), outOf: 5) }
        }
        if let score { set(metric, score) }
    }

    mutating func set(_ metric: MetricKind, _ score: Score) {
        switch metric {
        case .sleepQuality: metrics.sleepQuality = score
        case .fatigue: metrics.fatigue = score
        case .stress: metrics.stress = score
        case .mood: metrics.mood = score
        case .motivation: metrics.motivation = score
        default: break
        }
    }

    /// A negation just before the keyword or the word ("didn't sleep well", "sleep not great").
    private mutating func negation(for j: Int, keyword k: Int) -> Bool {
        let from = min(j, k)
        if let n = negated(before: from, distance: 2) {
            items[n].used = true
            return true
        }
        if j > k, let n = negated(before: j, distance: j - k) {
            items[n].used = true
            return true
        }
        return false
    }

    /// "not good" is poor (2), "not bad" is ok (3).
    func adjust(_ value: Int, negation: Bool) -> Int {
        guard negation else { return value }
        return value >= 3 ? 2 : 3
    }

    /// Words that set a metric on their own: "tired", "stressed", "motivated".
    mutating func readWellnessWords() {
        for i in items.indices where !items[i].used {
            guard let (metric, value) = items[i].wellness else { continue }
            items[i].used = true
            if let n = negated(before: i, distance: 2) {
                items[n].used = true
                negatedFacts += 1
                continue
            }
            if currentScore(metric) == nil { set(metric, Score(value: Double(value), outOf: 5)) }
        }
    }

    private func currentScore(_ metric: MetricKind) -> Score? {
        switch metric {
        case .sleepQuality: return metrics.sleepQuality
        case .fatigue: return metrics.fatigue
        case .stress: return metrics.stress
        case .mood: return metrics.mood
        case .motivation: return metrics.motivation
        default: return nil
        }
    }
}
