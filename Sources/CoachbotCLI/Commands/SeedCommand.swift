import ArgumentParser
import CoachCore
import CoachBot
import CoachStore
import Foundation

/// `coachbot seed …`: sample data.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill the database with sample data.",
        subcommands: [Demo.self, Exercises.self])

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the demo team: coach bob and athletes alice, erik and maja.",
            discussion: """
            Adds 60 days of history (HRV, RHR, sleep, wellness, sessions) before today and a \
            four-week plan from today, generated deterministically. Running it again adds \
            nothing; existing check-ins, sessions and plans are never overwritten.
            """)
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
                let today = Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
                let s = try store.open().seedDemo(today: today)
                print("seeded demo team for \(today): \(s.people) people, \(s.checkins) check-ins, \(s.sessions) sessions, \(s.plans) planned workouts added")
            }
        }
    }

    struct Exercises: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seed the exercise library from Intents/exercises.toml.",
            discussion: """
            Adds new exercises and updates edited ones (by key); running it twice changes nothing. \
            Exercises removed from the file stay in the database.
            """)
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The Intents/ folder (default: found next to the binary or in the working directory).", valueName: "DIR"))
        var intents: String?

        func run() throws {
            try reportingErrors {
                let dir = try IntentsLocator.directory(explicit: intents)
                let path = dir + "/" + ExerciseLibraryFile.fileName
                guard let data = FileManager.default.contents(atPath: path) else { throw StoreError.io(path: path, reason: "cannot read the file") }
                let list = try ExerciseLibraryFile.parse(String(decoding: data, as: UTF8.self))
                let count = try store.open().write { db in try db.seedExercises(list) }
                print("exercises from \(path): \(count.added) added, \(count.updated) updated, \(count.unchanged) unchanged")
            }
        }
    }
}
