import CoachCore

/// What an exercise trains (spec §7).
public enum ExerciseCategory: String, Sendable, Codable, CaseIterable {
    case strength, plyometric, core, mobility, drill

    /// The category's Swedish word, for listing and for `övningar styrka`.
    public var swedish: String {
        switch self {
        case .strength: "styrka"
        case .plyometric: "plyometri"
        case .core: "bål"
        case .mobility: "rörlighet"
        case .drill: "löpskolning"
        }
    }

    /// A category from either language's word ("strength", "styrka", "plyo").
    public init?(word: String) {
        let w = word.lowercased()
        if let c = ExerciseCategory(rawValue: w) ?? ExerciseCategory.allCases.first(where: { $0.swedish == w }) {
            self = c
        } else if w.hasPrefix("plyo") {
            self = .plyometric
        } else if w == "drills" || w == "skolning" {
            self = .drill
        } else {
            return nil
        }
    }
}

public enum ExerciseDifficulty: String, Sendable, Codable, CaseIterable {
    case beginner, intermediate, advanced

    public var swedish: String {
        switch self {
        case .beginner: "nybörjare"
        case .intermediate: "medel"
        case .advanced: "avancerad"
        }
    }
}

/// One exercise of the library: names and cue in both languages.
public struct Exercise: Sendable, Equatable, Codable {
    /// Stable identifier; the database row follows it when names or cues are edited.
    public var key: String
    public var nameEN: String
    public var nameSV: String
    public var category: ExerciseCategory
    public var difficulty: ExerciseDifficulty
    public var cueEN: String
    public var cueSV: String

    public init(key: String, nameEN: String, nameSV: String, category: ExerciseCategory, difficulty: ExerciseDifficulty, cueEN: String, cueSV: String) {
        self.key = key; self.nameEN = nameEN; self.nameSV = nameSV; self.category = category
        self.difficulty = difficulty; self.cueEN = cueEN; self.cueSV = cueSV
    }

    public func name(_ language: Language) -> String { language == .sv ? nameSV : nameEN }
    public func cue(_ language: Language) -> String { language == .sv ? cueSV : cueEN }

    /// Finds an exercise by a name in either language or its key: exact (ignoring case and
    /// punctuation) first, then the one whose name contains every word asked for.
    public static func find(_ query: String, in library: [Exercise]) -> Exercise? {
        func norm(_ s: String) -> String {
            String(s.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(separator: " ")
        }
        let q = norm(query)
        guard !q.isEmpty else { return nil }
        if let exact = library.first(where: { [norm($0.nameEN), norm($0.nameSV), norm($0.key)].contains(q) }) { return exact }
        let words = q.split(separator: " ")
        return library.first { e in
            let hay = norm(e.nameEN) + " " + norm(e.nameSV) + " " + norm(e.key)
            return words.allSatisfy { hay.contains($0) }
        }
    }
}
