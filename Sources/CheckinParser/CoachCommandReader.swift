import CoachCore

/// Reads coach commands, which have a fixed shape: a command word, an athlete handle, then a
/// workout, a date or a text (`override alice easy 40min`, `plan alice 2026-03-05 long 100min "hilly"`).
///
/// Returns nil when the message does not have a command's shape, so "plan?" or "keep it up" fall
/// through to the athlete intents.
struct CoachCommandReader {
    let vocabulary: Vocabulary
    let languages: Set<Language>

    func read(_ text: String) -> ParsedMessage? {
        // Words with no letter or digit (emoji, "👍") carry nothing for a command.
        var words = text.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }
        guard let first = words.first, var intent = commandIntent(first) ?? (first.lowercased() == "säg" ? .tell : nil) else { return nil }
        // "säg till alice att …": a two-word command.
        if intent == .tell, first.lowercased() == "säg", words.count > 1, words[1].lowercased() == "till" { words.removeFirst() }
        if intent == .tell, words.count < 3 { intent = .unknown }
        let name = words.count > 1 ? handle(words[1]) : nil
        switch intent {
        case .override:
            if words.count == 1 { return ParsedMessage(intent: .override) }
            guard let name else { return nil }
            var rest = Array(words.dropFirst(2))
            var result = ParsedMessage(intent: .override, athlete: name)
            if let d = rest.first.flatMap({ Self.dayWord(String($0)) }) {
                result.day = d
                rest.removeFirst()
            }
            guard let firstWord = rest.first else { return result }
            result.prescribed = coachWorkout(String(text[firstWord.startIndex...]))
            return result
        case .approve, .keep:
            guard words.count == 2, let name else { return nil }
            if intent == .approve, vocabulary.isNatural("everyone", name) { return ParsedMessage(intent: .approve, athlete: "all") }
            return ParsedMessage(intent: intent, athlete: name)
        case .notes:
            guard words.count >= 2, let last = words.last.flatMap({ handle($0) }), words.count <= 3 else { return nil }
            return ParsedMessage(intent: .notes, athlete: last)
        case .tell:
            guard let name, !vocabulary.isNatural("coach_words", name) else { return nil }
            var body = text[words[2].startIndex...].trimmingSpaces
            for lead in ["att ", "that "] where body.lowercased().hasPrefix(lead) { body = body.dropFirst(lead.count).trimmingSpaces }
            return ParsedMessage(intent: .tell, athlete: name, noteText: String(body))
        case .trendOf:
            guard words.count == 2, let name, vocabulary.phrases(startingWith: name).isEmpty else { return nil }
            return ParsedMessage(intent: .trendOf, athlete: name)
        case .note:
            guard words.count >= 3, let name else { return nil }
            let noteText = text[words[2].startIndex...].trimmingSpaces
            return ParsedMessage(intent: .note, athlete: name, noteText: String(noteText))
        case .planSet:
            guard words.count >= 4, let name, Day.resolve(String(words[2]), today: Day(ordinal: 0)) != nil else { return nil }
            return ParsedMessage(
                intent: .planSet, athlete: name,
                prescribed: workout(String(text[words[3].startIndex...])), date: String(words[2]).lowercased()
            )
        case .lactateTest:
            // The stages need numbers; "lactate was high" is not a test. The training engine reads the rest.
            guard words.count >= 3, text.contains(where: \.isNumber) else { return nil }
            return ParsedMessage(intent: .lactateTest, text: text)
        case .zones, .tests, .progress:
            guard words.count <= 2 else { return nil }
            return ParsedMessage(intent: intent, athlete: name)
        case .profile, .race, .races, .norwegian, .program, .resume:
            // Programs (issue 10): NAME, then the arguments as written; the training conversation reads them.
            // Only the command's shape: "program" alone or "program for today" stays the athlete's today.
            guard let name, vocabulary.phrases(startingWith: name).isEmpty, !vocabulary.isNatural("pronouns", name) else { return nil }
            if intent == .race, words.count < 4 || Day(iso: String(words[2])) == nil { return nil }
            let rest = words.dropFirst(2).joined(separator: " ")
            var result = ParsedMessage(intent: intent, athlete: name, text: rest.isEmpty ? nil : rest)
            result.language = commandLanguage(first)
            return result
        case .exercises:
            guard words.count <= 2 else { return nil }
            return ParsedMessage(intent: .exercises, text: words.count == 2 ? name : nil)
        case .exercise:
            // A name has no digits: "exercise bike 30 min" stays a workout log.
            guard words.count >= 2, !words.dropFirst().contains(where: { $0.contains(where: \.isNumber) }) else { return nil }
            return ParsedMessage(intent: .exercise, text: words.dropFirst().joined(separator: " "))
        default:
            return nil
        }
    }

    /// A day a coach names in a command, normalised: `today`, `tomorrow`, an English weekday
    /// name, `+Nd` or an ISO date; nil when the word is not a day.
    static func dayWord(_ word: String) -> String? {
        var w = word.lowercased()
        while let last = w.last, last == ":" || last == "," { w.removeLast() }
        switch w {
        case "today", "idag": return "today"
        case "tomorrow", "tmrw", "imorgon", "imorn": return "tomorrow"
        default: break
        }
        let weekdays: [(String, [String])] = [
            ("monday", ["mon", "monday", "måndag"]), ("tuesday", ["tue", "tues", "tuesday", "tisdag"]),
            ("wednesday", ["wed", "wednesday", "onsdag"]), ("thursday", ["thu", "thur", "thurs", "thursday", "torsdag"]),
            ("friday", ["fri", "friday", "fredag"]), ("saturday", ["sat", "saturday", "lördag"]), ("sunday", ["sun", "sunday", "söndag"]),
        ]
        for (name, forms) in weekdays where forms.contains(w) { return name }
        if w.hasPrefix("+"), w.hasSuffix("d"), Int(w.dropFirst().dropLast()) != nil { return w }
        if Day(iso: w) != nil { return w }
        return nil
    }

    /// A coach's natural phrasing of a command, with the words from `[natural.*]` of `coach.toml`:
    /// "give erik a rest day [tomorrow]", "ge erik en vilodag", "how is maja doing?", "how's erik
    /// doing", "hur går det för alice?", "notes for erik", "move alice's intervals to tomorrow".
    func readNatural(_ text: String) -> ParsedMessage? {
        let words = Lexer.words(of: text).filter { $0.unicodeScalars.contains { $0.properties.isAlphabetic } }
        guard words.count >= 2 else { return nil }
        /// The length of the longest phrase of list `key` at `words[i...]`.
        func match(_ key: String, at i: Int) -> Int? {
            for phrase in vocabulary.natural[key] ?? [] where i + phrase.count <= words.count {
                if Array(words[i..<(i + phrase.count)]) == phrase { return phrase.count }
            }
            return nil
        }
        func name(_ i: Int) -> String? {
            guard words.indices.contains(i), let h = handle(Substring(words[i])), !vocabulary.isNatural("pronouns", h),
                  vocabulary.phrases(startingWith: h).isEmpty else { return nil }
            return h
        }
        // give NAME a rest day [DAY] / ge NAME en vilodag
        if let k = match("rest_openers", at: 0), let n = name(k), let m = match("rest_phrases", at: k + 1) {
            var result = ParsedMessage(intent: .override, athlete: n, prescribed: WorkoutSpec(type: .rest))
            if words.indices.contains(k + 1 + m), let d = Self.dayWord(words[k + 1 + m]) { result.day = d }
            return result
        }
        // move NAME's WORKOUT to DAY / flytta NAMEs pass till DAY
        if let k = match("move_openers", at: 0), words.indices.contains(k),
           let to = words.indices.last(where: { $0 > k && match("move_to", at: $0) != nil }), to + 1 < words.count,
           let d = Self.dayWord(words[to + 1])
        {
            var who = words[k]
            // "alice's"; a Swedish genitive ("majas") is resolved against the roster by the bot.
            if who.hasSuffix("'s") { who.removeLast(2) }
            if let n = handle(Substring(who)), !vocabulary.isNatural("pronouns", n) {
                var result = ParsedMessage(intent: .override, athlete: n, day: d)
                result.movesPlanned = true
                return result
            }
        }
        // how is NAME doing / hur går det för NAME: the name, then the end or a closing word.
        if let k = match("trend_openers", at: 0), let n = name(k), k + 1 == words.count || match("trend_closers", at: k + 1) != nil {
            return ParsedMessage(intent: .trendOf, athlete: n)
        }
        // notes for NAME
        if let k = match("notes_openers", at: 0), let n = name(k), k + 1 == words.count {
            return ParsedMessage(intent: .notes, athlete: n)
        }
        return nil
    }

    /// The workout a coach prescribes, keeping the coach's words when they say more than a type
    /// and a duration, and the modality (`bike 45min` is cross-training on a bike).
    func coachWorkout(_ text: String) -> WorkoutSpec? {
        let items = Annotator(vocabulary: vocabulary, languages: languages).annotate(Lexer.tokens(of: text)).items
        let modality = items.lazy.compactMap(\.modality).first
        guard var spec = workout(text) ?? modality.map({ m in WorkoutSpec(type: m == .run ? .easy : m == .strength ? .strength : .cross) }) else { return nil }
        if spec.minutes == nil {
            for item in items {
                if case .duration(let m, _)? = item.value { spec.minutes = Int(m.rounded()); break }
            }
        }
        // Words beyond the type and the duration ("flat, stop if knee > 3/10"), or a modality the
        // type does not say, are the coach's own: keep them.
        let extra = items.contains { item in
            if item.isSeparator || item.isFiller { return false }
            switch item.value {
            case .duration?, .plain?, .distance?, .clock?: return false
            default: break
            }
            if let m = item.modality, !(m == .run && spec.type.isRun), !(m == .strength && spec.type == .strength) { return true }
            if item.workoutType != nil { return false }
            return true
        }
        if extra { spec.words = String(Substring(text).trimmingSpaces) }
        return spec
    }

    /// The language of a command word when it belongs to one language only (`profil`, `tävling`);
    /// nil when both use it (`program`), so the message's other words decide.
    private func commandLanguage(_ word: Substring) -> Language? {
        let w = word.lowercased()
        let langs = Set(vocabulary.phrases(startingWith: w).filter { p in p.words.count == 1 && p.tags.contains { if case .coach = $0 { true } else { false } } }.map(\.language))
        return langs.count == 1 ? langs.first : nil
    }

    private func commandIntent(_ word: Substring) -> Intent? {
        var w = word.lowercased()
        while let last = w.last, last == ":" || last == "," || last == "!" { w.removeLast() }
        let key = vocabulary.phrases(startingWith: w).isEmpty ? (vocabulary.correction(of: w) ?? w) : w
        for phrase in vocabulary.phrases(startingWith: key) where phrase.words.count == 1 && languages.contains(phrase.language) {
            for tag in phrase.tags {
                if case .coach(let intent) = tag { return intent }
            }
        }
        return nil
    }

    /// An athlete handle: one word of letters, digits, `_`, `-` or `.`; compared in lower case.
    private func handle(_ word: Substring) -> String? {
        var w = word.lowercased()
        while let last = w.last, last == ":" || last == "," || last == "." || last == "!" || last == "?" { w.removeLast() }
        if w.hasPrefix("@") { w.removeFirst() }
        guard !w.isEmpty, w.count <= 64,
              w.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) })
        else { return nil }
        return w
    }

    /// The workout named in `text`: a type, a duration or distance, and a "quoted description".
    func workout(_ text: String) -> WorkoutSpec? {
        var description: String?
        var plain = text
        if let open = text.firstIndex(where: { $0 == "\"" || $0 == "\u{201C}" }) {
            let after = text.index(after: open)
            let close = text[after...].firstIndex(where: { $0 == "\"" || $0 == "\u{201D}" }) ?? text.endIndex
            description = String(text[after..<close])
            plain = String(text[..<open])
        }
        let zone = Self.zoneToken(plain)
        let reps = Self.repetitions(plain)
        if zone != nil || reps != nil { plain = Self.withoutZoneAndRepetitions(plain) }
        let items = Annotator(vocabulary: vocabulary, languages: languages).annotate(Lexer.tokens(of: plain)).items
        guard let type = items.lazy.compactMap(\.workoutType).first ?? zone.map(Self.typeOfZone) else { return nil }
        var spec = WorkoutSpec(type: type, description: description ?? reps)
        // A zone token (`z3`, `zone 3`) is the intensity target; the training engine writes it in the athlete's zones.
        if let zone { spec.target = "z\(zone)" }
        for item in items {
            switch item.value {
            case .duration(let minutes, _)? where spec.minutes == nil: spec.minutes = Int(minutes.rounded())
            case .clock(let h, let m, _)? where spec.minutes == nil: spec.minutes = h * 60 + m
            case .plain(let n)? where spec.minutes == nil && n > 0 && n <= 600: spec.minutes = Int(n.rounded())
            case .distance(let km)? where spec.km == nil: spec.km = km
            default: continue
            }
        }
        return spec
    }

    /// `z3`, `Z3`, `zone 3`, `zon 3` → 3.
    static func zoneToken(_ text: String) -> Int? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        for (i, w) in words.enumerated() {
            if w.count == 2, w.first == "z", let n = Int(w.dropFirst()), (1...5).contains(n) { return n }
            if w == "zone" || w == "zon", i + 1 < words.count, let n = Int(words[i + 1]), (1...5).contains(n) { return n }
        }
        return nil
    }

    /// The workout type a zone alone implies (`4x8min z3` is a threshold session).
    static func typeOfZone(_ zone: Int) -> WorkoutType {
        switch zone {
        case 1: .easy
        case 2: .long
        case 3: .threshold
        case 4: .intervals
        default: .hills
        }
    }

    /// The text without zone tokens and repetitions, so that neither is read as a duration.
    static func withoutZoneAndRepetitions(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        var i = 0
        while i < words.count {
            let w = words[i].lowercased()
            if zoneToken(w) != nil, w.count == 2 || (w.first == "z" && w.count <= 3) { words.remove(at: i); continue }
            if (w == "zone" || w == "zon"), i + 1 < words.count, Int(words[i + 1]) != nil { words.removeSubrange(i...(i + 1)); continue }
            if repetitions(w) != nil { words.remove(at: i); continue }
            i += 1
        }
        return words.joined(separator: " ")
    }

    /// Repetitions written without quotes (`4x8min`, `6×5min`, `10x400m`) kept as the description.
    static func repetitions(_ text: String) -> String? {
        for word in text.split(separator: " ") {
            let w = word.lowercased()
            guard let x = w.firstIndex(where: { $0 == "x" || $0 == "×" }), x > w.startIndex,
                  w[..<x].allSatisfy(\.isNumber), w[w.index(after: x)...].first?.isNumber == true else { continue }
            return String(word)
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
