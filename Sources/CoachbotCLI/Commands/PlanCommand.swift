import ArgumentParser
import CoachStore
import Foundation

/// `coachbot plan …`: the training plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Manage the training plan.",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import planned workouts from a CSV file.",
            discussion: """
            Header (first line): athlete,date,type,minutes,km,description,target
            athlete, date (YYYY-MM-DD) and type are required; minutes, km, description and \
            target may be empty or left out. Quote fields containing commas ("6x5min, 90s jog"); \
            double a quote inside a quoted field. Types: rest, easy, recovery, long, tempo, \
            threshold, intervals, hills, race, strength, cross. A row replaces the athlete's plan \
            for that day. If any line is bad or names an unknown athlete, nothing is imported and \
            every bad line is listed.
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The CSV file.", valueName: "FILE.csv")) var file: String

        func run() throws {
            try reportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw StoreError.io(path: file, reason: "cannot read the file")
                }
                let count = try store.open().importPlan(csv: String(decoding: data, as: UTF8.self))
                print("imported \(count) planned workout\(count == 1 ? "" : "s") from \(file)")
            }
        }
    }
}
