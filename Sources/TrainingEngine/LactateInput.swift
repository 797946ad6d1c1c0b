/// Reading a test from text: the CSV file of `coachbot lactate` and the stages of a chat message.
/// Pure string handling; errors name the line or stage that could not be read.
public enum LactateInput {
    /// A line or stage that is not `INTENSITY LACTATE [HR]` (or `rest LACTATE [HR]`).
    public struct Unreadable: Error, Sendable, Equatable, CustomStringConvertible {
        public var location: String
        public var text: String
        public var description: String {
            "\(location): cannot read \"\(text)\"; write INTENSITY,LACTATE[,HR] (or rest,LACTATE[,HR])"
        }
    }

    /// CSV: `intensity,lactate,hr` per line (hr optional), an optional header line, and an
    /// optional first row `rest,LACTATE[,HR]`. Semicolons also separate fields (spreadsheets
    /// with decimal commas export them), and then decimal commas are accepted.
    public static func csv(_ text: String, sport: TestSport) throws -> LactateTest {
        var rest: RestSample?
        var stages: [LactateStage] = []
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields: [String]
            if line.contains(";") {
                fields = line.split(separator: ";", omittingEmptySubsequences: false).map { String($0.trimmingCharacters(in: " \t").map { $0 == "," ? "." : $0 }) }
            } else {
                fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " \t") }
            }
            let location = "line \(lineNumber)"
            if stages.isEmpty, rest == nil, fields.first.map({ Double($0) == nil && !isRestWord($0) }) == true {
                continue // header
            }
            try add(fields.filter { !$0.isEmpty }, location: location, line: line, rest: &rest, stages: &stages)
        }
        return LactateTest(sport: sport, rest: rest, stages: stages)
    }

    /// The stages of a chat message: separated by commas, semicolons or line breaks; within a
    /// stage the numbers are separated by spaces; a comma between two digits is a decimal comma.
    /// Units written after a number (`12km/h`, `150w`, `1.4mmol`, `140bpm`) are ignored.
    public static func chat(_ text: String, sport: TestSport) throws -> LactateTest {
        var rest: RestSample?
        var stages: [LactateStage] = []
        let chars = Array(text)
        var pieces: [String] = []
        var current = ""
        for (i, c) in chars.enumerated() {
            if c == "," {
                let before = i > 0 && chars[i - 1].isNumber
                let after = i + 1 < chars.count && chars[i + 1].isNumber
                if before && after { current.append("."); continue }
            }
            if c == "," || c == ";" || c == "\n" {
                pieces.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        pieces.append(current)
        for piece in pieces {
            let trimmed = piece.trimmingCharacters(in: " \t\r")
            if trimmed.isEmpty { continue }
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { stripUnit(String($0)) }.filter { !$0.isEmpty }
            let label = rest == nil && stages.isEmpty && isRestWord(words.first ?? "") ? "the rest sample" : "stage \(stages.count + 1)"
            try add(words, location: label, line: trimmed, rest: &rest, stages: &stages)
        }
        return LactateTest(sport: sport, rest: rest, stages: stages)
    }

    /// Words that mark the resting sample (English and Swedish).
    static func isRestWord(_ w: String) -> Bool { ["rest", "vila", "vilo"].contains(w.lowercased()) }

    private static func stripUnit(_ word: String) -> String {
        let lower = word.lowercased()
        if isRestWord(lower) { return lower }
        var end = lower.startIndex
        for i in lower.indices {
            let c = lower[i]
            if c.isNumber || c == "." || (c == "-" && i == lower.startIndex) { end = lower.index(after: i) } else { break }
        }
        // A standalone unit word ("km/h", "w", "bpm") disappears.
        return String(lower[..<end])
    }

    private static func add(_ fields: [String], location: String, line: String, rest: inout RestSample?, stages: inout [LactateStage]) throws {
        guard let first = fields.first else { return }
        if isRestWord(first) {
            guard rest == nil, stages.isEmpty, fields.count == 2 || fields.count == 3,
                  let l = Double(fields[1]), l.isFinite else { throw Unreadable(location: location, text: line) }
            var hr: Double?
            if fields.count == 3 {
                guard let h = Double(fields[2]), h.isFinite else { throw Unreadable(location: location, text: line) }
                hr = h
            }
            rest = RestSample(lactate: l, hr: hr)
            return
        }
        let numbers = fields.map { Double($0) }
        guard fields.count == 2 || fields.count == 3, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw Unreadable(location: location, text: line)
        }
        stages.append(LactateStage(intensity: numbers[0] ?? 0, lactate: numbers[1] ?? 0, hr: fields.count == 3 ? numbers[2] : nil))
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
