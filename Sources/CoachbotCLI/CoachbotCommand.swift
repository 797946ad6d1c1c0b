import ArgumentParser

/// The `coachbot` command line: one executable, one subcommand per job.
@available(macOS 14, *)
public struct CoachbotCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "coachbot",
        abstract: "A chat-based athlete readiness coach.",
        subcommands: [RunCommand.self, StatusCommand.self, ParseCommand.self, ReplayCommand.self, DBCommand.self, AuditCommand.self, ExportCommand.self, PlanCommand.self, SeedCommand.self, LactateCommand.self, BenchCommand.self]
    )

    public init() {}
}
