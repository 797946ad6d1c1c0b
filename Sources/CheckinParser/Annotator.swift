import CoachCore

/// Turns tokens into items: matches vocabulary phrases (longest first, with one-edit typo
/// tolerance), reads number words, and joins numbers with their units into values.
struct Annotator {
    let vocabulary: Vocabulary
    let languages: Set<Language>

    /// Items plus the count of words only English or only Swedish knows, for language detection.
    struct Result {
        var items: [Item]
        var englishHits = 0
        var swedishHits = 0
    }

    func annotate(_ tokens: [Token]) -> Result {
        var result = Result(items: [])
        result.items.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            switch token.kind {
            case .number(let n):
                result.items.append(Item(kind: .value(.plain(n)), range: token.range))
            case .fraction(let a, let b):
                result.items.append(Item(kind: .value(.fraction(a, b)), range: token.range))
            case .clock(let h, let m, let s):
                result.items.append(Item(kind: .value(.clock(h, m, s)), range: token.range))
            case .date(let d):
                result.items.append(Item(kind: .date(d), range: token.range))
            case .separator:
                result.items.append(Item(kind: .separator, range: token.range))
            case .word(let word):
                if let (item, length) = matchPhrase(tokens, at: i, first: word, result: &result) {
                    result.items.append(item)
                    i += length
                    continue
                }
                if let fixed = vocabulary.correction(of: word), typoAllowed(word, fixed, tokens, i),
                   let (item, _) = matchPhrase([Token(kind: .word(fixed), range: token.range)], at: 0, first: fixed, result: &result)
                {
                    result.items.append(item)
                } else {
                    result.items.append(Item(kind: .word(word), range: token.range))
                }
            }
            i += 1
        }
        result.items = joinValues(numberWords(result.items))
        return result
    }

    /// The longest vocabulary phrase at `tokens[i]`, merging the tags every allowed language gives it.
    private func matchPhrase(_ tokens: [Token], at i: Int, first: String, result: inout Result) -> (Item, Int)? {
        let candidates = vocabulary.phrases(startingWith: first)
        guard !candidates.isEmpty else { return nil }
        var best: Phrase?
        var tags: [Tag] = []
        var english = false, swedish = false
        for phrase in candidates where languages.contains(phrase.language) {
            if let b = best {
                guard phrase.words == b.words else {
                    if phrase.words.count < b.words.count { break } else { continue }
                }
                if tags.isEmpty { tags = b.tags }
                for tag in phrase.tags where !tags.contains(tag) { tags.append(tag) }
            } else {
                guard matches(phrase.words, tokens, at: i) else { continue }
                best = phrase
            }
            if phrase.language == .en { english = true } else { swedish = true }
        }
        guard let phrase = best else { return nil }
        if english != swedish {
            if english { result.englishHits += 1 } else { result.swedishHits += 1 }
        }
        let range = tokens[i].range.lowerBound..<tokens[i + phrase.words.count - 1].range.upperBound
        return (Item(kind: .phrase(tags.isEmpty ? phrase.tags : tags), range: range), phrase.words.count)
    }

    private func matches(_ words: [String], _ tokens: [Token], at i: Int) -> Bool {
        guard i + words.count <= tokens.count else { return false }
        for (k, w) in words.enumerated() {
            guard case .word(let t) = tokens[i + k].kind, t == w else { return false }
        }
        return true
    }

    /// A three-letter typo ("hvr") is trusted only next to a number, where a keyword is expected.
    private func typoAllowed(_ word: String, _ fixed: String, _ tokens: [Token], _ i: Int) -> Bool {
        if word.unicodeScalars.count > 3 && fixed.unicodeScalars.count > 3 { return true }
        func isNumber(_ j: Int) -> Bool {
            guard tokens.indices.contains(j) else { return false }
            switch tokens[j].kind {
            case .number, .fraction, .clock: return true
            default: return false
            }
        }
        return isNumber(i + 1) || isNumber(i - 1)
    }

    /// Number words become values; "and a half" adds 0.5; "3 out of 10" becomes a fraction.
    private func numberWords(_ items: [Item]) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(items.count)
        for item in items {
            if let n = item.numberWord, item.tags.allSatisfy({ if case .number = $0 { return true }; return $0 == .filler }) {
                out.append(Item(kind: .value(.plain(n)), range: item.range))
                continue
            }
            if item.has({ $0 == .half }), let last = out.last, case .value(.plain(let n)) = last.kind {
                out[out.count - 1] = Item(kind: .value(.plain(n + 0.5)), range: last.range.lowerBound..<item.range.upperBound)
                continue
            }
            if item.has({ $0 == .half }), item.tags.count == 1 {
                out.append(Item(kind: .value(.plain(0.5)), range: item.range))
                continue
            }
            if out.count >= 2, case .value(.plain(let b)) = item.kind, out[out.count - 1].has({ $0 == .outOf }),
               case .value(.plain(let a)) = out[out.count - 2].kind, b == 10 || b == 5
            {
                let start = out[out.count - 2].range.lowerBound
                out.removeLast(2)
                out.append(Item(kind: .value(.fraction(a, b)), range: start..<item.range.upperBound))
                continue
            }
            out.append(item)
        }
        return out
    }

    /// Joins numbers with the unit after them: `7 hrs 30 min`, `7h30`, `10k`, `52ms`, `100.8F`.
    private func joinValues(_ items: [Item]) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(items.count)
        var i = 0
        func unit(at j: Int) -> Unit? {
            items.indices.contains(j) ? items[j].unit : nil
        }
        func plain(at j: Int) -> Double? {
            if items.indices.contains(j), case .value(.plain(let n)) = items[j].kind { return n }
            return nil
        }
        while i < items.count {
            let item = items[i]
            // "an hour", "en mil": the article counts as one of the unit after it.
            let isArticleBeforeUnit = item.has({ $0 == .article }) && unit(at: i + 1) != nil
            guard let value = isArticleBeforeUnit ? .plain(1) : item.value else {
                out.append(item)
                i += 1
                continue
            }
            switch value {
            case .plain(let n):
                if let u = unit(at: i + 1) {
                    var end = i + 1
                    var joined: Value
                    switch u {
                    case .hours:
                        var minutes = n * 60
                        if let m = plain(at: i + 2), m < 60, m == m.rounded() {
                            minutes += m
                            end = i + 2
                            if unit(at: i + 3) == .minutes { end = i + 3 }
                        }
                        joined = .duration(minutes: minutes, hours: true)
                    case .minutes: joined = .duration(minutes: n, hours: false)
                    case .seconds: joined = .duration(minutes: n / 60, hours: false)
                    case .km: joined = .distance(km: n)
                    case .miles: joined = .distance(km: n * 1.609344)
                    case .mil: joined = .distance(km: n * 10)
                    case .ms: joined = .milliseconds(n)
                    case .bpm: joined = .bpm(n)
                    case .celsius: joined = .temperature(celsius: n)
                    case .fahrenheit: joined = .temperature(celsius: (n - 32) * 5 / 9)
                    }
                    out.append(Item(kind: .value(joined), range: item.range.lowerBound..<items[end].range.upperBound))
                    i = end + 1
                    continue
                }
            case .clock(let h, let m, _):
                if let u = unit(at: i + 1), u == .hours || u == .minutes {
                    let minutes = u == .hours ? Double(h * 60 + m) : Double(h) + Double(m) / 60
                    out.append(Item(kind: .value(.duration(minutes: minutes, hours: u == .hours)), range: item.range.lowerBound..<items[i + 1].range.upperBound))
                    i += 2
                    continue
                }
            default:
                break
            }
            out.append(item)
            i += 1
        }
        return out
    }
}
