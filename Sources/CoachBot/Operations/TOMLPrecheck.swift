import Foundation

/// Catches the malformed table headers (`[`, `[ ]`, `[[people]`) and empty values (`key =`) that make the TOML library's
/// bundled parser stop the process on an assertion instead of reporting an error, and names the
/// line. Everything else is left to the library. Multi-line array values are skipped (their lines
/// may start with `[` too).
enum TOMLPrecheck {
    static func problem(in text: String) -> String? {
        var depth = 0
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let (line, header) = stripped(String(raw))
            if line.isEmpty { continue }
            if depth == 0, line.hasPrefix("[") {
                if !isHeader(header) { return "line \(i + 1): “\(raw.prefix(40))” is not a table header like [backup] or [[people]]" }
                continue
            }
            if depth == 0, let eq = header.firstIndex(of: "=") {
                let value = header[header.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                if value.isEmpty || ",]}=".contains(value.first ?? ",") {
                    return "line \(i + 1): “\(raw.prefix(40))” has no value after ="
                }
            }
            depth = max(0, depth + line.filter { $0 == "[" }.count - line.filter { $0 == "]" }.count)
        }
        return nil
    }

    /// `[name]` or `[[name]]`, the name made of key characters, quotes, dots and spaces.
    static func isHeader(_ line: String) -> Bool {
        let double = line.hasPrefix("[[")
        let open = double ? 2 : 1
        guard line.count > open * 2, line.hasSuffix(double ? "]]" : "]") else { return false }
        let name = line.dropFirst(open).dropLast(open).trimmingCharacters(in: .whitespaces)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-.\"' "))
        return !name.isEmpty && name.unicodeScalars.allSatisfy { allowed.contains($0) } && name.first != "." && name.last != "."
    }

    /// The line without its comment: without its quoted strings too (for counting brackets), and
    /// with them (for reading a header).
    private static func stripped(_ line: String) -> (bare: String, withStrings: String) {
        var bare = "", full = ""
        var quote: Character?
        for c in line {
            if let q = quote {
                full.append(c)
                if c == q { quote = nil }
                continue
            }
            if c == "#" { break }
            full.append(c)
            if c == "\"" || c == "'" { quote = c; continue }
            bare.append(c)
        }
        return (bare.trimmingCharacters(in: .whitespaces), full.trimmingCharacters(in: .whitespaces))
    }
}
