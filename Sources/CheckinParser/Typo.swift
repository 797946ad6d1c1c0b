/// One-edit typo detection (a wrong, missing, extra or swapped letter), by the deletion-neighbourhood
/// method: two words are at most one edit apart only if they share a one-deletion variant, so a
/// lookup costs a handful of hash probes instead of a scan of the vocabulary.
enum Typo {
    static func deletions(of word: String) -> [String] {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count > 1 else { return [] }
        var result: [String] = []
        result.reserveCapacity(scalars.count)
        for i in scalars.indices {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[..<i])
            view.append(contentsOf: scalars[(i + 1)...])
            result.append(String(view))
        }
        return result
    }

    /// Optimal-string-alignment distance of exactly one (or zero) between two words.
    static func isOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x == y { return true }
        if abs(x.count - y.count) > 1 { return false }
        if x.count == y.count {
            let diffs = x.indices.filter { x[$0] != y[$0] }
            if diffs.count == 1 { return true }
            if diffs.count == 2, diffs[1] == diffs[0] + 1 {
                return x[diffs[0]] == y[diffs[1]] && x[diffs[1]] == y[diffs[0]]
            }
            return false
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        var i = 0
        while i < short.count, long[i] == short[i] { i += 1 }
        return long[(i + 1)...].elementsEqual(short[i...])
    }
}
