import CoachCore

/// The working state of one parse: the items, which of them rules have used, and the facts found.
struct ParseState {
    var items: [Item]
    var metrics = Metrics()
    var soreness: [Soreness] = []
    var pain: [Pain] = []
    var illnessCodes: [Illness] = []
    /// Facts the athlete denied ("no pain"): they still make the message a check-in.
    var negatedFacts = 0
    var denied: [ParsedMessage.Denial] = []
    /// Set by `decideIntent` when the message logs a session (alone or with a check-in).
    var loggedSession = false

    /// The message, for the few rules that look at the characters themselves.
    let text: String

    /// A log verb ("ran", "done") anywhere in the message. Tags never change after annotation, so
    /// this and `hasWorkoutWords` are read once.
    let hasLogVerb: Bool
    /// Words that only a logged session has: a modality, "skipped", "6x3", "avg hr".
    let hasWorkoutWords: Bool

    init(items: [Item], text: String) {
        self.items = items
        self.text = text
        var verb = false, workout = false
        for item in items {
            guard case .phrase(let tags) = item.kind else { continue }
            for tag in tags {
                switch tag {
                case .logVerb: verb = true
                case .modality, .skipped, .times, .hrAvg: workout = true
                default: continue
                }
            }
        }
        hasLogVerb = verb
        hasWorkoutWords = workout
    }

    func isQuestionMark(_ item: Item) -> Bool {
        text[item.range] == "?"
    }

    // MARK: Navigation

    /// The index of the next item after `i` (or before, with `step` −1) that is not a filler, within
    /// the clause and at most `limit` items away.
    func neighbour(of i: Int, step: Int, limit: Int = 3) -> Int? {
        var j = i + step
        var skipped = 0
        while items.indices.contains(j), skipped <= limit {
            if items[j].isSeparator { return nil }
            if !items[j].isFiller || items[j].used { return j }
            j += step
            skipped += 1
        }
        return nil
    }

    /// The clause around item `i`: from after the previous separator to before the next.
    func clause(around i: Int) -> Range<Int> {
        var start = i
        while start > 0, !items[start - 1].isSeparator { start -= 1 }
        var end = i
        while end < items.count, !items[end].isSeparator { end += 1 }
        return start..<max(end, start)
    }

    /// Whether a negation stands within `distance` items before `i` in the same clause.
    func negated(before i: Int, distance: Int = 3) -> Int? {
        var j = i - 1
        while j >= 0, i - j <= distance, !items[j].isSeparator {
            if items[j].has({ $0 == .negation }) { return j }
            j -= 1
        }
        return nil
    }

    /// Whether "gone", "fine now" and the like follow `i` closely.
    func negated(after i: Int, distance: Int = 3) -> Int? {
        var j = i + 1
        while j < items.count, j - i <= distance, !items[j].isSeparator {
            if items[j].has({ $0 == .postNegation }) { return j }
            j += 1
        }
        return nil
    }

    mutating func use(_ i: Int?) {
        if let i, items.indices.contains(i) { items[i].used = true }
    }


    /// Whether the message opens with a question about training ("can I", "kan jag"), after at
    /// most a greeting or two words.
    var opensWithQuestion: Bool {
        guard let k = items.prefix(5).firstIndex(where: { $0.has { $0 == .question } }) else { return false }
        let before = items[..<k].filter { item in
            if item.isSeparator || item.isFiller || item.has({ $0 == .smalltalk }) { return false }
            return true
        }
        return before.count <= 1
    }

    /// The day a question asks about: today unless one is named.
    var questionDay: String {
        for item in items {
            if let d = item.dayWord, d != .week { return d.rawValue }
            if let d = item.pastDay, d != "yesterday" { return d }
        }
        return "today"
    }

    /// The day a `today` request asks about.
    var requestedDay: DayWord {
        items.lazy.compactMap(\.dayWord).first { $0 != .today } ?? .today
    }

    // MARK: Intent

    mutating func decideIntent() -> Intent {
        let facts = !metrics.isEmpty || !soreness.isEmpty || !pain.isEmpty || !illnessCodes.isEmpty
        let strongMetrics = metrics.hrvMs != nil || metrics.rhrBpm != nil || metrics.sleepHours != nil
        let logged = hasLogVerb && (workoutEvidence || !facts || hasWorkoutWords) || hasWorkoutWords && workoutEvidence
        if logged {
            loggedSession = true
            markUsed { $0 == .logVerb }
            // A check-in and a log in one message: both are kept, and it is a check-in.
            return facts ? .checkin : .workoutLog
        }
        _ = strongMetrics
        if facts || negatedFacts > 0 { return .checkin }
        let unknownWords = items.filter { if case .word = $0.kind { return true } else { return false } }.count
        let items = self.items
        func has(_ tag: Tag) -> Bool { items.contains { $0.has { $0 == tag } } }
        if unknownWords <= 2, let coach = items.lazy.compactMap(\.coachIntent).first(where: { $0 == .team || $0 == .missing }) {
            return coach
        }
        if unknownWords <= 3, has(.undo) { return .undo }
        if unknownWords <= 3, has(.status) { return .status }
        if unknownWords <= 1, items.contains(where: { $0.dayWord != nil }) { return .today }
        // A help word counts with a little chatter around it; a lone "?" only on its own.
        if items.contains(where: { $0.has { $0 == .help } && !isQuestionMark($0) }) && unknownWords <= 3
            || items.contains(where: isQuestionMark) && unknownWords == 0 && items.allSatisfy({ isQuestionMark($0) || $0.isFiller || $0.isSeparator })
        {
            return .help
        }
        if workoutEvidence || items.contains(where: { $0.has { $0 == .skipped } }) { return .workoutLog }
        // Greetings, thanks, an emoji alone; "sick of this weather".
        let chat = items.contains { $0.has { $0 == .smalltalk || $0 == .notFact } }
        if chat && unknownWords <= 3 || items.isEmpty && text.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.properties.isEmoji && $0.value > 0xFF }) {
            return .smalltalk
        }
        return .unknown
    }

    /// Values that only make sense as a logged session: a distance, or minutes with an effort.
    private var workoutEvidence: Bool {
        items.contains { item in
            guard !item.used, let v = item.value else { return false }
            switch v {
            case .distance, .duration, .clock: return true
            default: return false
            }
        }
    }

    mutating func markUsed(_ predicate: (Tag) -> Bool) {
        for i in items.indices where items[i].has(predicate) { items[i].used = true }
    }

    // MARK: Leftovers

    /// The words no rule used, in the original spelling.
    func unparsed(in text: String, truncatedAfter end: String.Index?) -> String? {
        var parts: [Substring] = []
        for item in items where !item.used {
            switch item.kind {
            case .separator: continue
            case .phrase(let tags):
                if item.isFiller || tags.contains(.clauseBreak) || tags.contains(.negation) || tags.contains(.logVerb) { continue }
            default: break
            }
            parts.append(text[item.range])
        }
        if let end, end < text.endIndex, Lexer.maxTokens <= items.count {
            parts.append(text[end...].prefix(200))
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
