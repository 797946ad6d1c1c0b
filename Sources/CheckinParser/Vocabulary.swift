import CoachCore

/// One phrase of the vocabulary: its words and what it means.
struct Phrase: Sendable {
    var words: [String]
    var tags: [Tag]
    var language: Language
}

/// The check-in language as data: phrases per language, the ordinary words that typo tolerance
/// must leave alone, and an index for one-edit typo lookups.
///
/// Built once from the `Intents/` files (see `Vocabulary(files:)`), then shared read-only.
public struct Vocabulary: Sendable {
    /// Phrases by their first word, longest first.
    private(set) var phrasesByFirstWord: [String: [Phrase]] = [:]
    /// Words never corrected into keywords.
    private(set) var ordinaryWords: Set<String> = []
    /// One-deletion variants of typo-tolerant keywords → those keywords.
    private(set) var typoIndex: [String: [String]] = [:]
    /// Single words that typo tolerance may produce.
    private(set) var typoKeywords: Set<String> = []
    /// Word lists of the coaches' natural phrasings (`[natural.*]` in `coach.toml`), both
    /// languages together: `rest_openers`, `rest_phrases`, `trend_openers`, … Each entry is a
    /// phrase split into words.
    public private(set) var natural: [String: [[String]]] = [:]
    /// First words of the natural phrasings' openers: the parser reads a phrasing only when the
    /// message starts with one, so ordinary messages pay nothing.
    public private(set) var naturalFirstWords: Set<String> = []

    /// The examples carried by the intent files.
    public private(set) var examples: [Example] = []
    /// Data files that live with the words but are not words (`exercises.toml`, the exercise
    /// library): name → text, carried to the bot as they are.
    public internal(set) var dataFiles: [String: String] = [:]
    /// Admin command words from `admin.toml` (command → its words in every language). Read by
    /// the bot, not the parser: admin commands are matched before parsing.
    public internal(set) var adminCommands: [String: Set<String>] = [:]

    /// A message and the result the parser must give, from an intent file's `[[example]]`.
    public struct Example: Sendable {
        public var file: String
        public var text: String
        /// The expected result as a JSON object (the same shape `coachbot parse --json` prints).
        public var expectJSON: String
    }

    init() {}

    mutating func add(_ phrase: String, _ tag: Tag, language: Language, typoTolerant: Bool = false) {
        addWords(Lexer.words(of: phrase), tag, language: language, typoTolerant: typoTolerant)
        // Swedes on an English keyboard write "sov daligt, trott": accept the folded spelling too.
        let folded = Lexer.words(of: Self.fold(phrase))
        if folded != Lexer.words(of: phrase), folded.allSatisfy({ $0.unicodeScalars.count >= 3 }) {
            addWords(folded, tag, language: language, typoTolerant: typoTolerant)
        }
    }

    static func fold(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value > 127 }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case "å", "ä", "á", "à", "â": out.append("a")
            case "ö", "ó", "ò", "ô", "ø": out.append("o")
            case "é", "è", "ê", "ë": out.append("e")
            case "ü", "ú": out.append("u")
            default: out.append(s)
            }
        }
        return String(out)
    }

    private mutating func addWords(_ words: [String], _ tag: Tag, language: Language, typoTolerant: Bool) {
        guard let first = words.first else { return }
        var list = phrasesByFirstWord[first, default: []]
        if let i = list.firstIndex(where: { $0.words == words && $0.language == language }) {
            if !list[i].tags.contains(tag) { list[i].tags.append(tag) }
        } else {
            list.append(Phrase(words: words, tags: [tag], language: language))
            list.sort { $0.words.count > $1.words.count }
        }
        phrasesByFirstWord[first] = list
        if typoTolerant, words.count == 1, first.unicodeScalars.count >= 3 {
            addTypoKeyword(first)
        }
    }

    mutating func addNatural(_ key: String, _ phrase: String) {
        let words = Lexer.words(of: phrase)
        guard !words.isEmpty else { return }
        natural[key, default: []].append(words)
        natural[key]?.sort { $0.count > $1.count }
        if key.hasSuffix("openers"), let first = words.first { naturalFirstWords.insert(first) }
    }

    /// Whether the single word `w` is one of the natural list `key`.
    func isNatural(_ key: String, _ w: String) -> Bool {
        natural[key]?.contains { $0.count == 1 && $0[0] == w } ?? false
    }

    mutating func addOrdinary(_ word: String) {
        ordinaryWords.insert(word.lowercased())
    }

    mutating func addExample(_ example: Example) {
        examples.append(example)
    }

    private mutating func addTypoKeyword(_ word: String) {
        guard typoKeywords.insert(word).inserted else { return }
        typoIndex[word, default: []].append(word)
        for variant in Typo.deletions(of: word) {
            typoIndex[variant, default: []].append(word)
        }
    }

    /// Phrases that start with `word`, longest first.
    func phrases(startingWith word: String) -> [Phrase] {
        phrasesByFirstWord[word] ?? []
    }

    /// The keyword `word` is a one-edit typo of, when there is exactly one and `word` is not an
    /// ordinary word.
    func correction(of word: String) -> String? {
        let length = word.unicodeScalars.count
        guard length >= 3, length <= 24, !ordinaryWords.contains(word), phrasesByFirstWord[word] == nil else {
            return nil
        }
        var candidates: [String] = []
        func consider(_ key: String) {
            for keyword in typoIndex[key] ?? [] where !candidates.contains(keyword) {
                if Typo.isOneEdit(word, keyword) { candidates.append(keyword) }
            }
        }
        consider(word)
        for variant in Typo.deletions(of: word) { consider(variant) }
        // Several keywords may be one edit away ("acilles": achilles, akilles); fine if they mean the same.
        guard let first = candidates.first else { return nil }
        let meaning = Set(phrases(startingWith: first).filter { $0.words.count == 1 }.flatMap(\.tags))
        for other in candidates.dropFirst() where Set(phrases(startingWith: other).filter { $0.words.count == 1 }.flatMap(\.tags)) != meaning {
            return nil
        }
        return first
    }
}
