import Foundation

/// Splits a reply into IRC lines that fit the server's limit, counted in bytes: never inside a
/// UTF-8 character, at a word boundary when one is near, each line break of the text its own line.
public enum LineSplitter {
    /// The lines to send for a reply: one line (its line breaks shown as " · ") when it fits, so
    /// a short reply arrives whole and is confirmed by one echo; otherwise `split`.
    public static func lines(_ text: String, budget: Int) -> [String] {
        let compact = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " · ")
        return compact.utf8.count <= budget && !compact.isEmpty ? [compact] : split(text, budget: budget)
    }

    /// `budget`: bytes available for the text of one line (the server's 512 minus CR LF and the
    /// `:nick!user@host NOTICE target :` prefix it relays the line with).
    public static func split(_ text: String, budget: Int) -> [String] {
        let budget = max(budget, 16)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(paragraph)
            if rest.isEmpty { lines.append(" "); continue }  // IRC has no empty messages: keep the gap visible
            while rest.utf8.count > budget {
                // The longest prefix of whole characters within the budget…
                var end = rest.startIndex
                var used = 0
                for i in rest.indices {
                    let size = rest[i].utf8.count
                    if used + size > budget { break }
                    used += size
                    end = rest.index(after: i)
                }
                // …cut at its last space when that keeps at least half the line.
                if let space = rest[..<end].lastIndex(of: " "), rest.distance(from: rest.startIndex, to: space) > 0,
                   rest[rest.startIndex..<space].utf8.count >= budget / 2 {
                    end = space
                }
                if end == rest.startIndex { end = rest.index(after: rest.startIndex) }  // one character wider than the budget
                lines.append(String(rest[..<end]))
                rest = rest[end...].drop { $0 == " " }
            }
            if !rest.isEmpty { lines.append(String(rest)) }
        }
        return lines
    }
}
