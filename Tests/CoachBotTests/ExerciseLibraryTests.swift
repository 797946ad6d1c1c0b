import CoachBot
import CoachStore
import Foundation
import Testing
import TrainingEngine

/// Intents/exercises.toml: complete (spec §7) and seeded idempotently.
@Suite struct ExerciseLibraryTests {
    static var text: String { Fixtures.parser.vocabulary.dataFiles[ExerciseLibraryFile.fileName] ?? "" }

    @Test func theFileHasAtLeast25CompleteExercisesInEveryCategory() throws {
        let list = try ExerciseLibraryFile.parse(Self.text)
        #expect(list.count >= 25)
        #expect(Set(list.map(\.category)) == Set(ExerciseCategory.allCases))
        #expect(Set(list.map(\.key)).count == list.count)
        for e in list {
            #expect(!e.nameSV.isEmpty && !e.nameEN.isEmpty && !e.cueEN.isEmpty && !e.cueSV.isEmpty, "\(e.key)")
        }
    }

    @Test func seedingTwiceChangesNothingAndAnEditUpdatesTheRow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try CoachStore(path: dir.appendingPathComponent("t.sqlite").path)
        defer { try? store.close() }
        var list = try ExerciseLibraryFile.parse(Self.text)
        let first = try store.write { try $0.seedExercises(list) }
        #expect(first.added == list.count && first.updated == 0)
        let before = try store.dump()
        let second = try store.write { try $0.seedExercises(list) }
        #expect(second == SeedCount(added: 0, updated: 0, unchanged: list.count))
        #expect(try store.dump() == before)
        list[0].cueEN = "A new cue."
        let third = try store.write { try $0.seedExercises(list) }
        #expect(third.updated == 1 && third.added == 0)
        #expect(try store.read { try $0.exercises() }.first { $0.key == list[0].key }?.cueEN == "A new cue.")
    }

    @Test func findsByEitherLanguage() throws {
        let list = try ExerciseLibraryFile.parse(Self.text)
        #expect(Exercise.find("knäböj", in: list)?.key == "squat")
        #expect(Exercise.find("Back Squat", in: list)?.key == "squat")
        #expect(Exercise.find("copenhagen", in: list)?.key == "copenhagen-plank")
        #expect(Exercise.find("moonwalk", in: list) == nil)
    }

    @Test func aBadEntryIsNamed() {
        #expect(throws: ExerciseLibraryFile.Problem.self) {
            try ExerciseLibraryFile.parse("[[exercise]]\nkey = \"x\"\nen = \"X\"\nsv = \"X\"\ncategory = \"cardio\"\ndifficulty = \"beginner\"\ncue_en = \"c\"\ncue_sv = \"c\"\n")
        }
    }
}
