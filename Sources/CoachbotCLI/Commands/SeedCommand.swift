import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `coachbot seed …`: sample data.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill the database with sample data.",
        subcommands: [Demo.self])

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
}
