import CoachCore
import TOMLKit

/// A problem in an `Intents/` file, named so that the person who edited it can fix it.
public struct VocabularyError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var problem: String
    public var description: String { "\(file): \(problem)" }
}

extension Vocabulary {
    /// Builds the vocabulary from the text of the `Intents/*.toml` files (file name → contents).
    /// Pure: reading the files is the caller's job.
    public init(files: [String: String]) throws {
        self.init()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            if Self.dataFileNames.contains(name) {
                dataFiles[name] = text
                continue
            }
            let table: TOMLTable
            do {
                table = try TOMLTable(string: text)
            } catch let error as TOMLParseError {
                throw VocabularyError(file: name, problem: "not valid TOML at \(error.source.begin): \(error.description)")
            } catch {
                throw VocabularyError(file: name, problem: "not valid TOML: \(error)")
            }
            if name == "admin.toml" {
                try loadAdminCommands(table, file: name)
                continue
            }
            try load(table, file: name)
        }
    }

    /// Files under Intents/ that hold data rather than words.
    public static let dataFileNames: Set<String> = ["exercises.toml"]

    /// `[add] en = ["add"]`: each section names an admin command, each language lists its words.
    private mutating func loadAdminCommands(_ table: TOMLTable, file: String) throws {
        for (command, value) in table {
            guard let languages = value.table else { throw VocabularyError(file: file, problem: "[\(command)] should be a table of languages") }
            for (lang, words) in languages {
                guard Language(rawValue: lang) != nil, let list = words.array else {
                    throw VocabularyError(file: file, problem: "[\(command)] \(lang) should be a language (en, sv) with a list of words")
                }
                adminCommands[command, default: []].formUnion(try strings(list, file: file, where: "\(command).\(lang)").map { $0.lowercased() })
            }
        }
    }

    private mutating func load(_ table: TOMLTable, file: String) throws {
        for (section, value) in table {
            guard let content = value.table else {
                if section == "example", let list = value.array {
                    try loadExamples(list, file: file)
                    continue
                }
                throw VocabularyError(file: file, problem: "[\(section)] should be a table of languages")
            }
            try loadSection(section, content, file: file)
        }
    }

    private mutating func loadSection(_ section: String, _ table: TOMLTable, file: String) throws {
        for (lang, value) in table {
            guard let language = Language(rawValue: lang) else {
                throw VocabularyError(file: file, problem: "[\(section)] has '\(lang)', which is not a language (en, sv)")
            }
            if let words = value.array {
                // [section] lang = ["word", ...]
                guard let tag = section == "phrases" ? Self.phrasesTag(file) : Self.flatTag(section) else {
                    throw VocabularyError(file: file, problem: "unknown section [\(section)]")
                }
                for word in try strings(words, file: file, where: "\(section).\(lang)") {
                    add(word, tag, language: language, typoTolerant: Self.isTypoTolerant(tag))
                }
            } else if let entries = value.table {
                try loadKeyed(section, entries, language: language, file: file)
            } else {
                throw VocabularyError(file: file, problem: "[\(section)] \(lang) should be a list of words or a table")
            }
        }
    }

    /// Sections keyed by a name: `[locations.en] knee = ["knee", ...]`, `[numbers.en] one = 1`.
    private mutating func loadKeyed(_ section: String, _ entries: TOMLTable, language: Language, file: String) throws {
        let place = "\(section).\(language.rawValue)"
        for (key, value) in entries {
            if section == "numbers" {
                guard let n = value.int.map(Double.init) ?? value.double else {
                    throw VocabularyError(file: file, problem: "[\(place)] \(key) should be a number")
                }
                add(key, .number(n), language: language)
                continue
            }
            if section == "wellness" {
                guard let metric = MetricKind(rawValue: key), let words = value.table else {
                    throw VocabularyError(file: file, problem: "[\(place)] '\(key)' should be a metric table like [wellness.en.fatigue]")
                }
                for (word, level) in words {
                    guard let v = level.int, (1...5).contains(v) else {
                        throw VocabularyError(file: file, problem: "[\(place).\(key)] '\(word)' should be a value 1 to 5")
                    }
                    add(word, .wellness(metric, v), language: language, typoTolerant: true)
                }
                continue
            }
            guard let list = value.array else {
                throw VocabularyError(file: file, problem: "[\(place)] \(key) should be a list of words")
            }
            if section == "natural" {
                for word in try strings(list, file: file, where: "\(place).\(key)") { addNatural(key, word) }
                continue
            }
            if section == "ordinary" {
                for word in try strings(list, file: file, where: "\(place).\(key)") { addOrdinary(word) }
                continue
            }
            guard let tag = Self.keyedTag(section, key) else {
                throw VocabularyError(file: file, problem: "[\(place)] '\(key)' is not a known name in this section")
            }
            for word in try strings(list, file: file, where: "\(place).\(key)") {
                add(word, tag, language: language, typoTolerant: Self.isTypoTolerant(tag))
            }
        }
    }

    private mutating func loadExamples(_ list: TOMLArray, file: String) throws {
        for (n, item) in list.enumerated() {
            guard let t = item.table, let text = t["text"]?.string, let expect = t["expect"]?.table else {
                throw VocabularyError(file: file, problem: "example \(n + 1) needs text = \"…\" and expect = { … }")
            }
            addExample(Example(file: file, text: text, expectJSON: expect.convert(to: .json)))
        }
    }

    private func strings(_ array: TOMLArray, file: String, where place: String) throws -> [String] {
        try array.map {
            guard let s = $0.string else {
                throw VocabularyError(file: file, problem: "[\(place)] holds a value that is not a \"word\"")
            }
            return s
        }
    }

    /// Sections that are a plain list per language.
    private static func flatTag(_ section: String) -> Tag? {
        switch section {
        case "half": return .half
        case "article": return .article
        case "outside": return .outside
        case "conjunctions": return .clauseBreak
        case "out_of": return .outOf
        case "soreness": return .sore
        case "pain": return .pain
        case "ache": return .ache
        case "gait": return .gait
        case "verbs": return .logVerb
        case "rpe": return .rpe
        case "non_run": return .nonRun
        case "today": return .day(.today)
        case "tomorrow": return .day(.tomorrow)
        case "week": return .day(.week)
        case "override": return .coach(.override)
        case "approve": return .coach(.approve)
        case "keep": return .coach(.keep)
        case "team": return .coach(.team)
        case "missing": return .coach(.missing)
        case "plan_set": return .coach(.planSet)
        case "trend_of": return .coach(.trendOf)
        case "note": return .coach(.note)
        case "lactate": return .coach(.lactateTest)
        case "zones": return .coach(.zones)
        case "tests": return .coach(.tests)
        case "exercises": return .coach(.exercises)
        case "exercise": return .coach(.exercise)
        case "progress": return .coach(.progress)
        case "profile": return .coach(.profile)
        case "race": return .coach(.race)
        case "races": return .coach(.races)
        case "norwegian": return .coach(.norwegian)
        case "program": return .coach(.program)
        case "resume": return .coach(.resume)
        case "notes": return .coach(.notes)
        case "tell": return .coach(.tell)
        case "skipped": return .skipped
        case "hr_avg": return .hrAvg
        case "not_facts": return .notFact
        case "others": return .otherPerson
        case "times": return .times
        default: return nil
        }
    }

    /// `[phrases]` means the intent of the file it is in.
    private static func phrasesTag(_ file: String) -> Tag? {
        switch file {
        case "status.toml": return .status
        case "help.toml": return .help
        case "undo.toml": return .undo
        case "smalltalk.toml": return .smalltalk
        case "question.toml": return .question
        case "message_coach.toml": return .messageCoach
        default: return nil
        }
    }

    /// Sections whose entries are named: the name says what the words mean.
    private static func keyedTag(_ section: String, _ key: String) -> Tag? {
        switch section {
        case "scale": return Int(key).flatMap { (1...5).contains($0) ? .scale($0) : nil }
        case "levels": return Int(key).flatMap { (1...5).contains($0) ? .level($0) : nil }
        case "negation": return key == "before" ? .negation : key == "after" ? .postNegation : nil
        case "sides": return Side(rawValue: key).map { .side($0) }
        case "units": return Unit(rawValue: key).map { .unit($0) }
        case "workout_types": return WorkoutType(rawValue: key).map { .workoutType($0) }
        case "fillers": return key == "words" ? .filler : nil
        case "metrics": return MetricKind(rawValue: key).map { .metric($0) }
        case "red_flags": return PainRedFlag(rawValue: key).map { .redFlag($0) }
        case "locations": return BodyLocation(rawValue: key).map { .location($0) }
        case "illness": return Illness(rawValue: key).map { .illness($0) }
        case "modality": return Modality(rawValue: key).map { .modality($0) }
        case "days": return ["yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].contains(key) ? .pastDay(key) : nil
        default: return nil
        }
    }

    /// Keywords a one-letter typo may stand for. Small common words (scale words, sides, units,
    /// numbers, fillers) are left out: "bad" is too close to "bed" and "bag".
    private static func isTypoTolerant(_ tag: Tag) -> Bool {
        switch tag {
        case .metric, .wellness, .sore, .pain, .ache, .gait, .location, .illness, .logVerb, .rpe,
             .status, .help, .undo, .day, .coach, .redFlag, .skipped:
            return true
        default:
            return false
        }
    }
}
