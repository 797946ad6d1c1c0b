import CoachCore

/// Turns one chat message into one intent with typed facts.
///
/// Deterministic, pure and fast (microseconds per message); it never throws: what it cannot
/// read becomes `unknown` with the text kept, so the bot can answer with help instead of silence.
public struct CheckinParser: Sendable {
    /// Bumped whenever parsing changes, and stored with each check-in, so old rows can be re-read.
    public static let version = "1.0.0"

    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    /// Parses `text`. `language` nil means detect it (the `--lang auto` of the command line).
    public func parse(_ text: String, language: Language? = nil) -> ParsedMessage {
        let tokens = Lexer.tokens(of: text)
        let languages: Set<Language> = language.map { [$0] } ?? [.en, .sv]
        let annotated = Annotator(vocabulary: vocabulary, languages: languages).annotate(tokens)
        let lang = language ?? detectLanguage(text, annotated)

        // Words for the coach ("tell coach I'm sick") are relayed whatever they say.
        if let relay = Self.messageForCoach(annotated.items, text) {
            return ParsedMessage(intent: .messageCoach, language: lang, text: relay)
        }
        // A coach's natural phrasing: "give erik a rest day", "how is maja doing?", "approve all".
        if case .word(let first)? = tokens.first?.kind, vocabulary.naturalFirstWords.contains(first),
           let command = CoachCommandReader(vocabulary: vocabulary, languages: languages).readNatural(text)
        {
            var result = command
            result.language = lang
            return result
        }
        // Coach commands have a fixed shape; only read it when the first word is a command word.
        if annotated.items.first?.coachIntent != nil,
           let command = CoachCommandReader(vocabulary: vocabulary, languages: languages).read(text)
        {
            var result = command
            // A command word of one language only (the programs' `profil`, `tävling`) decides it.
            result.language = command.language ?? lang
            return result
        }

        var state = ParseState(items: annotated.items, text: text)
        // A question about training ("can I still do intervals?", "should I run with a sore calf?")
        // reports nothing: the body words in it are the topic, not a check-in.
        if state.opensWithQuestion {
            return ParsedMessage(intent: .question, language: lang, day: state.questionDay)
        }
        state.bindMetrics()
        state.readWellnessWords()
        state.readBodyFacts()
        state.readIllness()
        state.applyFallbacks()

        var result = ParsedMessage(intent: .unknown, language: lang)
        result.metrics = state.metrics
        result.soreness = state.soreness
        result.pain = state.pain
        result.illness = state.illnessCodes
        result.denied = state.denied
        result.intent = state.decideIntent()
        switch result.intent {
        case .checkin, .workoutLog:
            if result.intent == .workoutLog || state.hasLogVerb || state.loggedSession {
                result.workoutIsRun = !state.items.contains { $0.has { $0 == .nonRun } }
                let log = state.readWorkout()
                if !log.isEmpty { result.workout = log }
            }
        case .today:
            result.day = state.requestedDay.rawValue
        case .smalltalk:
            return result
        case .unknown:
            result.text = text
            return result
        default:
            break
        }
        if result.intent == .checkin || result.intent == .workoutLog {
            result.unparsed = state.unparsed(in: text, truncatedAfter: tokens.last?.range.upperBound)
        }
        return result
    }

    /// The text after a message-for-the-coach phrase that opens the message (after at most two
    /// words such as "hey", "please", "can you"), or nil when the message is not one.
    static func messageForCoach(_ items: [Item], _ text: String) -> String? {
        guard let k = items.prefix(4).firstIndex(where: { $0.has { $0 == .messageCoach } }),
              items[..<k].allSatisfy({ if case .word = $0.kind { return true }; return $0.has { $0 == .smalltalk || $0 == .filler } })
        else { return nil }
        var rest = text[items[k].range.upperBound...].trimmingSpaces
        while let f = rest.first, ":,-–—.!".contains(f) { rest = rest.dropFirst().trimmingSpaces }
        for lead in ["that ", "att ", "to "] where rest.lowercased().hasPrefix(lead) {
            rest = rest.dropFirst(lead.count).trimmingSpaces
        }
        return String(rest)
    }

    /// Reads a workout the way coach commands write it: `threshold 60min "6x5min at LT2"`.
    public func workout(_ text: String) -> WorkoutSpec? {
        CoachCommandReader(vocabulary: vocabulary, languages: [.en, .sv]).workout(text)
    }

    private func detectLanguage(_ text: String, _ annotated: Annotator.Result) -> Language {
        var swedish = annotated.swedishHits
        if text.unicodeScalars.contains(where: { s in
            switch s.value {
            case 0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6: return true  // å ä ö Å Ä Ö
            default: return false
            }
        }) { swedish += 1 }
        return swedish > annotated.englishHits ? .sv : .en
    }
}
