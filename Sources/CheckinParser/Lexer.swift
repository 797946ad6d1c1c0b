/// A token of a chat message, with where it came from in the original text.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// A lower-cased word, or one of the symbols `?`, `:`, `=`, `~`.
        case word(String)
        case number(Double)
        /// `4/5`, `3/10`
        case fraction(Double, Double)
        /// `7:30`, `1:05`, `1:05:30`
        case clock(Int, Int, Int?)
        /// `2026-03-05`
        case date(String)
        /// `,` `;` `.` `!` line breaks and a free-standing dash: they end a clause.
        case separator
    }

    var kind: Kind
    var range: Range<String.Index>
}

/// Splits a message into words, numbers and separators in one pass over its Unicode scalars.
///
/// Numbers keep decimal commas (`38,5`), fractions (`4/5`) and clock times (`7:30`) whole; a number
/// glued to letters splits (`52min` → `52`, `min`; `7h30` → `7`, `h`, `30`). Everything is
/// lower-cased. Symbols and emoji that mean nothing are skipped.
enum Lexer {
    /// Upper bound on tokens per message: a chat message is short, and a huge line must not
    /// make the parser slow. The rest of the text is kept as unparsed.
    static let maxTokens = 400

    static func tokens(of text: String) -> [Token] {
        let scalars = text.unicodeScalars
        var result: [Token] = []
        var i = scalars.startIndex
        let end = scalars.endIndex

        @inline(__always) func peek(_ j: String.Index) -> Unicode.Scalar? {
            j < end ? scalars[j] : nil
        }

        while i < end, result.count < maxTokens {
            let c = scalars[i]
            if isDigit(c) {
                let start = i
                var (value, j, digits) = readNumber(scalars, from: i)
                if let sep = peek(j), sep == "/", let d = peek(scalars.index(after: j)), isDigit(d) {
                    let (den, k, _) = readNumber(scalars, from: scalars.index(after: j))
                    result.append(Token(kind: .fraction(value, den), range: start..<k))
                    i = k
                    continue
                }
                if let sep = peek(j), sep == ":", let d = peek(scalars.index(after: j)), isDigit(d), value == value.rounded() {
                    let (minutes, k, _) = readNumber(scalars, from: scalars.index(after: j))
                    var seconds: Int?
                    var after = k
                    if let s2 = peek(k), s2 == ":", let d2 = peek(scalars.index(after: k)), isDigit(d2) {
                        let (sec, k2, _) = readNumber(scalars, from: scalars.index(after: k))
                        seconds = Int(min(sec, 1e6))
                        after = k2
                    }
                    result.append(Token(kind: .clock(Int(min(value, 1e6)), Int(min(minutes, 1e6)), seconds), range: start..<after))
                    i = after
                    continue
                }
                if digits == 4, let dash = peek(j), dash == "-" {
                    // An ISO date: 2026-03-05.
                    var k = j
                    var count = 0
                    while let s = peek(k), s == "-" || isDigit(s), count < 6 {
                        k = scalars.index(after: k)
                        count += 1
                    }
                    result.append(Token(kind: .date(String(scalars[start..<k])), range: start..<k))
                    i = k
                    continue
                }
                if value > 1e9 { value = 1e9 }
                result.append(Token(kind: .number(value), range: start..<j))
                i = j
                continue
            }
            if isWordScalar(c) {
                let start = i
                var word = String.UnicodeScalarView()
                var j = i
                while j < end {
                    let s = scalars[j]
                    if isWordScalar(s) {
                        appendLowercased(s, to: &word)
                    } else if s == "'" || s == "\u{2019}" || s == "-" {
                        // Inside a word only: didn't, so-so, it-band.
                        let next = scalars.index(after: j)
                        guard next < end, isWordScalar(scalars[next]), !word.isEmpty else { break }
                        word.append(s == "\u{2019}" ? "'" : s)
                    } else {
                        break
                    }
                    j = scalars.index(after: j)
                    if word.count > 64 {
                        // Absurdly long "words" are noise; cut them so lookups stay cheap.
                        while j < end, isWordScalar(scalars[j]) { j = scalars.index(after: j) }
                        break
                    }
                }
                result.append(Token(kind: .word(String(word)), range: start..<j))
                i = j
                continue
            }
            let next = scalars.index(after: i)
            switch c {
            case ",", ";", ".", "!", "\n", "\r", "(", ")", "|":
                if case .separator? = result.last?.kind {} else {
                    result.append(Token(kind: .separator, range: i..<next))
                }
            case "-", "\u{2212}":
                // A minus sign right before a digit, after a space: "sleep -3h" (refused later, by name).
                if let d = peek(next), isDigit(d), i == scalars.startIndex || scalars[scalars.index(before: i)] == " " {
                    var (value, j, _) = readNumber(scalars, from: next)
                    value = -min(value, 1e9)
                    result.append(Token(kind: .number(value), range: i..<j))
                    i = j
                    continue
                }
                if let p = peek(next), p == " " {
                    result.append(Token(kind: .separator, range: i..<next))
                }
            case "\u{2013}", "\u{2014}":
                if let p = peek(next), p == " " {
                    result.append(Token(kind: .separator, range: i..<next))
                }
            case "?", ":", "=", "~":
                result.append(Token(kind: .word(String(c)), range: i..<next))
            default:
                break
            }
            i = next
        }
        return result
    }

    /// The lower-cased words of a vocabulary phrase, so that phrases and messages are split alike.
    static func words(of phrase: String) -> [String] {
        tokens(of: phrase).compactMap {
            if case .word(let w) = $0.kind { return w }
            return nil
        }
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool {
        c.value >= 48 && c.value <= 57
    }

    @inline(__always) static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 {
            return (v >= 97 && v <= 122) || (v >= 65 && v <= 90)
        }
        if c == "°" { return true }
        return c.properties.isAlphabetic
    }

    @inline(__always) static func appendLowercased(_ c: Unicode.Scalar, to word: inout String.UnicodeScalarView) {
        let v = c.value
        if v >= 65 && v <= 90 {
            word.append(Unicode.Scalar(v + 32) ?? c)
        } else if v < 128 {
            word.append(c)
        } else {
            word.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
        }
    }

    /// Reads digits with an optional decimal part (`.` or `,` followed by a digit).
    static func readNumber(_ scalars: String.UnicodeScalarView, from start: String.Index) -> (Double, String.Index, Int) {
        var value = 0.0
        var j = start
        var digits = 0
        while j < scalars.endIndex, isDigit(scalars[j]) {
            if digits < 15 { value = value * 10 + Double(scalars[j].value - 48) }
            digits += 1
            j = scalars.index(after: j)
        }
        if j < scalars.endIndex, scalars[j] == "." || scalars[j] == "," {
            let next = scalars.index(after: j)
            if next < scalars.endIndex, isDigit(scalars[next]) {
                var scale = 0.1
                j = next
                var decimals = 0
                while j < scalars.endIndex, isDigit(scalars[j]) {
                    if decimals < 6 { value += Double(scalars[j].value - 48) * scale }
                    scale /= 10
                    decimals += 1
                    j = scalars.index(after: j)
                }
            }
        }
        return (value, j, digits)
    }
}
