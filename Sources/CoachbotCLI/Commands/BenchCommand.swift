import ArgumentParser

/// `coachbot bench …`: the speed targets live here, never in timed tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its figures.",
        subcommands: [BenchParseCommand.self, BenchAssessCommand.self, BenchReplayCommand.self, BenchMatrixCommand.self]
    )
}
