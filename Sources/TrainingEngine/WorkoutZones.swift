import CoachCore

extension WorkoutType {
    /// The zone a workout type is run in (spec §2): easy, recovery, long → 1; tempo, threshold → 3;
    /// intervals → 4; hills → 5. Rest, strength, cross-training and races have none.
    public var zone: Int? {
        switch self {
        case .easy, .recovery, .long: 1
        case .tempo, .threshold: 3
        case .intervals: 4
        case .hills: 5
        default: nil
        }
    }
}

/// Zone tokens in a plan's words: `z3`, `zone 3`, `zon 3`, `Z3`.
public enum ZoneToken {
    /// The zone named in the text, if any.
    public static func zone(in text: String) -> Int? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        for (i, w) in words.enumerated() {
            if w.count == 2, w.first == "z", let n = Int(w.dropFirst()), (1...5).contains(n) { return n }
            if w == "zone" || w == "zon", i + 1 < words.count, let n = Int(words[i + 1]), (1...5).contains(n) { return n }
        }
        return nil
    }

    /// The text without its zone token ("4x8min z3" → "4x8min").
    public static func removing(from text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var i = 0
        while i < words.count {
            let w = words[i].lowercased().trimmingCharacters(in: ",;.")
            if w.count == 2, w.first == "z", let n = Int(w.dropFirst()), (1...5).contains(n) {
                words.remove(at: i); continue
            }
            if w == "zone" || w == "zon", i + 1 < words.count, let n = Int(words[i + 1].trimmingCharacters(in: ",;.")), (1...5).contains(n) {
                words.removeSubrange(i...(i + 1)); continue
            }
            i += 1
        }
        return words.joined(separator: " ")
    }
}

