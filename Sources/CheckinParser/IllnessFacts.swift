import CoachCore

/// Illness codes and the "neck check" inputs; the fallbacks for values said without a keyword.
extension ParseState {
    mutating func readIllness() {
        var codes: [Illness] = []
        // "fever" is also a temperature keyword; being one does not stop it naming the illness.
        for i in items.indices where !items[i].used || items[i].metric == .temperature {
            guard let code = items[i].illness else { continue }
            items[i].used = true
            // "the kids were sick", "my wife has a cold": someone else's.
            if clause(around: i).contains(where: { $0 < i && i - $0 <= 4 && items[$0].has { $0 == .otherPerson } }) { continue }
            if let n = negated(before: i, distance: 3) ?? negated(after: i, distance: 2) {
                items[n].used = true
                negatedFacts += 1
                denied.append(.illness(code))
                continue
            }
            if !codes.contains(code) { codes.append(code) }
        }
        if let t = metrics.temperatureC, t >= 38.0, !codes.contains(.fever) { codes.append(.fever) }
        if codes.count > 1 { codes.removeAll { $0 == .sick } }
        illnessCodes = codes
    }

    /// Values said without a keyword: "100.8F" is a temperature; "8h" in a check-in is sleep.
    mutating func applyFallbacks() {
        for i in items.indices where !items[i].used {
            switch items[i].value {
            case .temperature(let c)? where metrics.temperatureC == nil && c >= 33 && c <= 44:
                metrics.temperatureC = c
                items[i].used = true
                if c >= 38.0, !illnessCodes.contains(.fever) {
                    illnessCodes.removeAll { $0 == .sick }
                    illnessCodes.append(.fever)
                }
            case .plain(let n)? where metrics.temperatureC == nil && !illnessCodes.isEmpty && n >= 35.5 && n <= 42.5 && n != n.rounded():
                // "body aches and chills, 38.6"
                metrics.temperatureC = n
                items[i].used = true
                if n >= 38.0, !illnessCodes.contains(.fever) {
                    illnessCodes.removeAll { $0 == .sick }
                    illnessCodes.append(.fever)
                }
            case .duration(let minutes, true)? where metrics.sleepHours == nil && !hasLogVerb && minutes >= 180 && minutes <= 14 * 60:
                metrics.sleepHours = minutes / 60
                items[i].used = true
            default:
                continue
            }
        }
    }
}
