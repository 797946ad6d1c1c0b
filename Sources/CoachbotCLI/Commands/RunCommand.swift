import ArgumentParser
import CheckinParser
import CoachBot
import CoachCore
import CoachStore
import Foundation

/// `coachbot run`: the bot. With no chat network configured it runs in the terminal.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bot (in the terminal when no chat network is configured).",
        discussion: """
            In the console you type as a person on the team and see replies and alerts as they would \
            appear: /as alice (an athlete), /as bob (a coach), /room coaches, /quit. An empty roster \
            is filled with the demo team (coachbot seed demo).
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Team time zone (IANA name) when the database has none.", valueName: "ZONE"))
    var timeZone: String?

    @Option(name: .long, help: ArgumentHelp("Vocabulary folder.", valueName: "DIR"))
    var intents: String?

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            let bot = Bot(store: db, parser: CheckinParser(vocabulary: try loadVocabulary(intents)))
            let now = Date().timeIntervalSince1970
            try db.write { d in
                if try d.teamSetting(Bot.Setting.timeZone) == nil {
                    try d.setTeamSetting(Bot.Setting.timeZone, timeZone ?? TimeZone.current.identifier)
                }
            }
            if try db.read({ d in try d.roster(role: .athlete) }).isEmpty {
                let clock = try db.read { d in TeamClock(zone: try d.teamSetting(Bot.Setting.timeZone) ?? "UTC") }
                try db.seedDemo(today: (clock ?? TeamClock(timeZone: .current)).day(at: now))
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
}
