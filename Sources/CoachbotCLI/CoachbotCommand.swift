import ArgumentParser

/// The `coachbot` command line: one executable, one subcommand per job.
public struct CoachbotCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "coachbot",
        abstract: "A chat-based athlete readiness coach.",
        subcommands: [DBCommand.self, PlanCommand.self, SeedCommand.self]
    )

    public init() {}
}
