import CoachCore

/// A `lactate [NAME] [DATE] [run|bike]: STAGES` chat message, read into its parts. The command
/// word itself was recognised by the parser (Intents/training.toml); this reads what follows.
public struct LactateMessage: Sendable, Equatable {
    /// The athlete named (a coach's test); nil for an athlete's own.
    public var athlete: String?
    /// The test day as written (`2026-11-20`, `today`, `+1d`…); nil means today.
    public var date: String?
    public var test: LactateTest

    /// Sport words in both languages. A short closed list: the spec's `run|bike` and their Swedish.
    static let sportWords: [String: TestSport] = [
        "run": .run, "running": .run, "löpning": .run, "löp": .run, "löpa": .run,
        "bike": .bike, "cycling": .bike, "cykel": .bike, "cykling": .bike,
    ]
    /// Words that may follow the command word and mean nothing more ("lactate test alice …").
    static let fillerWords: Set<String> = ["test", "testet", "step", "steptest"]

    /// Reads the message after its command word. Throws `LactateInput.Unreadable` for a stage
    /// that is not `INTENSITY LACTATE [HR]`.
    public static func read(_ text: String, today: Day) throws -> LactateMessage {
        var rest = Substring(text).drop { !$0.isWhitespace } // the command word
        var athlete: String?, date: String?, sport = TestSport.run
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) ?? Optional(rest.endIndex),
                  end > rest.startIndex else { break }
            var word = rest[..<end].lowercased()
            let hadColon = word.hasSuffix(":")
            while word.hasSuffix(":") { word.removeLast() }
            if LactateInput.isRestWord(word) { break }
            if let s = sportWords[word] {
                sport = s
            } else if fillerWords.contains(word) {
            } else if Day.resolve(word, today: today) != nil, date == nil {
                date = word
            } else if word.first?.isNumber == true || word.first == "-" || word.first == "." {
                break
            } else if athlete == nil, !word.isEmpty {
                athlete = word.hasPrefix("@") ? String(word.dropFirst()) : word
            } else {
                break
            }
            rest = rest[end...]
            if hadColon { break }
        }
        rest = rest.drop { $0.isWhitespace || $0 == ":" }
        return LactateMessage(athlete: athlete, date: date, test: try LactateInput.chat(splitOnUnits(String(rest)), sport: sport))
    }

    /// "12km/h 1.1 14km/h 1.8" written without separators: a word carrying an intensity unit
    /// (km/h, kmh, w) starts a new stage.
    static func splitOnUnits(_ text: String) -> String {
        let units = ["km/h", "kmh", "w"]
        var out = ""
        var stageHasWords = false
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "\n"; stageHasWords = false }
            for word in line.split(separator: " ", omittingEmptySubsequences: true) {
                let lower = word.lowercased()
                let marked = units.contains { lower.hasSuffix($0) && lower.first?.isNumber == true }
                if marked, stageHasWords, !(out.last.map { $0 == "," || $0 == ";" || $0 == "\n" } ?? true) { out += "," }
                if !out.isEmpty, out.last != "\n" { out += " " }
                out += word
                stageHasWords = !(word.last.map { $0 == "," || $0 == ";" } ?? false)
            }
        }
        return out
    }
}
