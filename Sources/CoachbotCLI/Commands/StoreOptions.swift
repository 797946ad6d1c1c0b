import ArgumentParser
import CoachStore
import Foundation

/// `--db PATH`, shared by every command that opens the database.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The SQLite database file.",
        discussion: "Defaults to $COACHBOT_DB, else coachbot.sqlite in the current directory.",
        valueName: "PATH"))
    var db: String?

    /// The database path after applying the defaults.
    var path: String { path(configured: nil) }

    /// The path: `--db`, else `$COACHBOT_DB`, else the config file's `[team] database`, else
    /// `coachbot.sqlite` here.
    func path(configured: String?) -> String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["COACHBOT_DB"], !env.isEmpty { return env }
        return configured ?? "coachbot.sqlite"
    }

    /// Opens (and migrates) the store.
    func open() throws -> CoachStore { try CoachStore(path: path) }
}

/// Runs `body`; any error becomes one line on stderr and a non-zero exit, never a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let message = String(describing: error)
        let line = message.split(separator: "\n").joined(separator: " ")
        FileHandle.standardError.write(Data("coachbot: error: \(line)\n".utf8))
        throw ExitCode.failure
    }
}
