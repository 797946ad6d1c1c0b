import ArgumentParser
import Foundation

/// `coachbot bench …`: the speed targets live here, never in timed tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its figures.",
        subcommands: [BenchParseCommand.self, BenchAssessCommand.self, BenchReplayCommand.self, BenchMatrixCommand.self]
    )
}

/// The scratch database a benchmark builds and removes again.
enum BenchDatabase {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-bench-\(name)-\(getpid()).sqlite").path
    }

    /// Removes the database with its WAL and shared-memory files (and any `extra` suffixes).
    static func remove(_ path: String, extra: [String] = []) {
        for suffix in ["", "-wal", "-shm"] + extra { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
