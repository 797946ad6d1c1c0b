import CoachCore
import CoachStore
import Foundation
import TOMLKit
import TrainingEngine

/// Reads `Intents/exercises.toml`, the exercise library a coach can read and extend.
public enum ExerciseLibraryFile {
    public static let fileName = "exercises.toml"

    /// A problem in the file, naming the entry and the field.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var problem: String
        public var description: String { "\(fileName): \(problem)" }
    }

    /// The exercises of the file, in file order. Throws on a missing or bad field, a duplicate
    /// key, or an unknown category or difficulty.
    public static func parse(_ text: String) throws -> [Exercise] {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch { throw Problem(problem: "not valid TOML: \(error)") }
        guard let list = table["exercise"]?.array else { throw Problem(problem: "no [[exercise]] entries") }
        var out: [Exercise] = []
        var keys: Set<String> = []
        for (i, value) in list.enumerated() {
            guard let t = value.table else { throw Problem(problem: "entry \(i + 1) is not a table") }
            func field(_ name: String) throws -> String {
                guard let s = t[name]?.string, !s.isEmpty else {
                    throw Problem(problem: "entry \(i + 1) (\(t["key"]?.string ?? "no key")) has no \(name)")
                }
                return s
            }
            let key = try field("key")
            guard keys.insert(key).inserted else { throw Problem(problem: "entry \(i + 1): key \(key) is used twice") }
            guard let category = ExerciseCategory(rawValue: try field("category")) else {
                throw Problem(problem: "\(key): category must be one of \(ExerciseCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let difficulty = ExerciseDifficulty(rawValue: try field("difficulty")) else {
                throw Problem(problem: "\(key): difficulty must be one of \(ExerciseDifficulty.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            out.append(Exercise(key: key, nameEN: try field("en"), nameSV: try field("sv"), category: category, difficulty: difficulty,
                                cueEN: try field("cue_en"), cueSV: try field("cue_sv")))
        }
        return out
    }

    /// Seeds the library into the store unless this exact file was seeded already (its checksum
    /// is kept as a team setting), so asking for exercises costs one lookup.
    static func ensureSeeded(_ db: StoreDatabase, text: String?) throws {
        guard let text else { return }
        let key = "exercise_library_checksum"
        let sum = String(text.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }, radix: 16)
        guard try db.teamSetting(key) != sum else { return }
        try db.seedExercises(try parse(text))
        try db.setTeamSetting(key, sum)
    }
}
