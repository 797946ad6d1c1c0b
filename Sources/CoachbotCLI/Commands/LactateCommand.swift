import ArgumentParser
import Foundation
import TrainingEngine

/// `coachbot lactate [--json] [--sport run|bike] FILE.csv`: a step test → thresholds and zones.
/// Pure analysis of a file; the database is not touched.
struct LactateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lactate",
        abstract: "Analyse a lactate step test: thresholds (LT1, LT2) and five zones.",
        discussion: """
        FILE.csv: one stage per line, INTENSITY,LACTATE[,HR] (km/h for run, W for bike); an \
        optional header line and an optional first row "rest,LACTATE[,HR]" (the resting sample, \
        never part of the fit). At least 5 stages, intensity rising. Formulas: docs/training-engine.md.
        """)

    @Flag(help: "Print one JSON object (the keys of the training-engine spec).") var json = false
    @Option(help: "run (speed in km/h, the default) or bike (power in W).") var sport: TestSport = .run
    @Argument(help: ArgumentHelp("The test as CSV.", valueName: "FILE.csv")) var file: String

    func run() throws {
        try reportingErrors {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw LactateFileError(path: file)
            }
            let test = try LactateInput.csv(String(decoding: data, as: UTF8.self), sport: sport)
            let analysis = try LactateAnalyzer.analyze(test)
            print(json ? LactateJSON.render(analysis) : LactateText.report(analysis))
        }
    }
}

struct LactateFileError: Error, CustomStringConvertible {
    var path: String
    var description: String { "cannot read \(path)" }
}

extension TestSport: ExpressibleByArgument {}
