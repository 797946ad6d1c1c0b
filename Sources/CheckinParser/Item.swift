import CoachCore

/// A value the message states: a bare number or a number with its unit or form.
enum Value: Sendable, Equatable {
    case plain(Double)
    case fraction(Double, Double)
    /// A duration with units (`7h30`, `45 min`, `7 hrs 30 min`); `hours` says an hour unit was used.
    case duration(minutes: Double, hours: Bool)
    case clock(Int, Int, Int?)
    case distance(km: Double)
    case temperature(celsius: Double)
    case milliseconds(Double)
    case bpm(Double)
}

/// One annotated piece of a message: a vocabulary phrase with its tags, an unknown word, a value
/// or a separator, with the part of the original text it covers.
struct Item: Sendable {
    enum Kind: Sendable {
        case phrase([Tag])
        case word(String)
        case value(Value)
        case date(String)
        case separator
    }

    var kind: Kind
    var range: Range<String.Index>
    /// Set once a rule has consumed the item, so nothing is counted twice and the rest is unparsed.
    var used = false

    var tags: [Tag] {
        if case .phrase(let t) = kind { return t }
        return []
    }

    var value: Value? {
        if case .value(let v) = kind { return v }
        return nil
    }

    var isSeparator: Bool {
        switch kind {
        case .separator: return true
        case .phrase(let tags): return tags.contains(.clauseBreak)
        default: return false
        }
    }

    /// Fillers may sit between a keyword and its value ("hrv is 52").
    var isFiller: Bool {
        guard case .phrase(let tags) = kind else { return false }
        return tags.allSatisfy {
            switch $0 {
            case .filler, .number, .half, .article, .smalltalk: return true
            default: return false
            }
        } && (tags.contains(.filler) || tags.contains(.article))
    }

    func has(_ predicate: (Tag) -> Bool) -> Bool {
        tags.contains(where: predicate)
    }

    var metric: MetricKind? { firstTag { if case .metric(let m) = $0 { return m } else { return nil } } }
    var scale: Int? { firstTag { if case .scale(let v) = $0 { return v } else { return nil } } }
    var level: Int? { firstTag { if case .level(let v) = $0 { return v } else { return nil } } }
    var location: BodyLocation? { firstTag { if case .location(let l) = $0 { return l } else { return nil } } }
    var side: Side? { firstTag { if case .side(let s) = $0 { return s } else { return nil } } }
    var illness: Illness? { firstTag { if case .illness(let i) = $0 { return i } else { return nil } } }
    var unit: Unit? { firstTag { if case .unit(let u) = $0 { return u } else { return nil } } }
    var redFlag: PainRedFlag? { firstTag { if case .redFlag(let f) = $0 { return f } else { return nil } } }
    var workoutType: WorkoutType? { firstTag { if case .workoutType(let w) = $0 { return w } else { return nil } } }
    var dayWord: DayWord? { firstTag { if case .day(let d) = $0 { return d } else { return nil } } }
    var coachIntent: Intent? { firstTag { if case .coach(let i) = $0 { return i } else { return nil } } }
    var wellness: (MetricKind, Int)? {
        for tag in tags { if case .wellness(let m, let v) = tag { return (m, v) } }
        return nil
    }
    var modality: Modality? { firstTag { if case .modality(let m) = $0 { return m } else { return nil } } }
    var pastDay: String? { firstTag { if case .pastDay(let d) = $0 { return d } else { return nil } } }
    var numberWord: Double? { firstTag { if case .number(let n) = $0 { return n } else { return nil } } }

    private func firstTag<T>(_ extract: (Tag) -> T?) -> T? {
        guard case .phrase(let tags) = kind else { return nil }
        for tag in tags { if let t = extract(tag) { return t } }
        return nil
    }
}
