import ArgumentParser
import ChatPipeline
import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation
import Logging
import MatrixBot
import MatrixTransport

/// `coachbot run`: the bot. On Matrix when the config has a `[matrix]` section, else in the terminal.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bot: on Matrix with a [matrix] config, otherwise in the terminal.",
        discussion: """
            With --config FILE (see deploy/coachbot.example.toml) holding a [matrix] section, runs the \
            daemon until SIGTERM/SIGINT. Exit codes: 0 clean stop, 75 access token rejected, 77 login \
            failed, 1 other errors.

            Without one it runs in the terminal: type as a person on the team and see replies and alerts \
            as they would appear: /as alice (an athlete), /as bob (a coach), /room coaches, /quit. An empty \
            roster is filled with the demo team (coachbot seed demo).
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Team config file (TOML).", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Team time zone (IANA name) when neither the config nor the database has one.", valueName: "ZONE"))
    var timeZone: String?

    @Option(name: .long, help: ArgumentHelp("Vocabulary folder.", valueName: "DIR"))
    var intents: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        let team: TeamConfig?
        do {
            team = try config.map { path -> TeamConfig in
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CLIError("cannot read the config file '\(path)'") }
                return try TeamConfig(toml: text, file: path)
            }
        } catch {
            // Exit 78 (EX_CONFIG) on every network: fix the file, then start again.
            FileHandle.standardError.write(Data("coachbot: configuration error: \(error)\n".utf8))
            throw ExitCode(78)
        }
        let logger = LogSetup.bootstrapped(level: logLevel)
        let db: CoachStore
        do { db = try CoachStore(path: store.path(configured: team?.database)) } catch { throw CLIError("\(error)") }
        let parser = CheckinParser(vocabulary: try loadVocabulary(intents))
        if let team, team.matrix != nil || team.irc != nil {
            do {
                var pipeline = PipelineService<MatrixNetwork>.Configuration()
                // Sends in flight at once across rooms; `bench matrix --burst-only` compares 1 with the default.
                if let value = ProcessInfo.processInfo.environment["COACHBOT_MAX_IN_FLIGHT"].flatMap(Int.init), value > 0 {
                    pipeline.maxInFlight = value
                }
                try await MatrixRunner.run(config: team, store: db, parser: parser, logger: logger, pipeline: pipeline)
            } catch let failure as MatrixRunner.Failure {
                FileHandle.standardError.write(Data("coachbot: \(failure.description)\n".utf8))
                throw ExitCode(failure.exitCode)
            }
            return
        }
        try runConsole(db: db, parser: parser, team: team)
    }

    private func runConsole(db: CoachStore, parser: CheckinParser, team: TeamConfig?) throws {
        let bot = Bot(store: db, parser: parser)
        let now = Date().timeIntervalSince1970
        try db.write { d in
            try team?.apply(to: d, at: now)
            if try d.teamSetting(Bot.Setting.timeZone) == nil {
                try d.setTeamSetting(Bot.Setting.timeZone, timeZone ?? TimeZone.current.identifier)
            }
        }
        if try db.read({ d in try d.roster(role: .athlete) }).isEmpty {
            let zone = try db.read { d in try d.teamSetting(Bot.Setting.timeZone) } ?? "UTC"
            try db.seedDemo(today: (TeamClock(zone: zone) ?? TeamClock(timeZone: .current)).day(at: now))
        }
        let console = try Console(bot: bot, now: now)
        print(console.introduction)
        while true {
            if isatty(0) != 0 { FileHandle.standardOutput.write(Data(console.prompt.utf8)) }
            guard let line = readLine() else { break }
            guard let out = try console.input(line, now: Date().timeIntervalSince1970) else { break }
            if !out.isEmpty { print(out) }
        }
    }
}

enum LogSetup {
    /// Structured one-line logs on stderr. Message bodies, health values and tokens are never
    /// logged at info; `--log-level debug` adds protocol detail, still without bodies or tokens.
    static func bootstrapped(level: String) -> Logger {
        let lvl = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = lvl
            return h
        }
        var logger = Logger(label: "coachbot")
        logger.logLevel = lvl
        return logger
    }
}
