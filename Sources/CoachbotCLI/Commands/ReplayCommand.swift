import ArgumentParser
import CheckinParser
import CoachBot
import Foundation

/// `coachbot replay`: runs transcript files against the real bot, offline, on a fake clock.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay transcript files against the bot and check what it says.",
        discussion: """
            Each file runs on a fake clock and a fresh temporary database. A failure prints the file, \
            the line, what was expected and what the bot sent; the run ends with `N passed, N failed` \
            and exits 1 when any file failed. --accept rewrites each file's expectations from what the \
            bot says now (review the diff before you commit it).

              coachbot replay Transcripts/
              coachbot replay Transcripts/low-hrv.transcript
              coachbot replay --accept Transcripts/low-hrv.transcript
            """
    )

    @Flag(help: "Rewrite the files' expectations from what the bot now says.")
    var accept = false

    @Option(name: .long, help: ArgumentHelp("Vocabulary folder.", valueName: "DIR"))
    var intents: String?

    @Argument(help: "Transcript files or folders (every *.transcript inside).")
    var paths: [String]

    func run() throws {
        let runner = TranscriptRunner(parser: CheckinParser(vocabulary: try loadVocabulary(intents)))
        let files = try Self.files(paths)
        guard !files.isEmpty else { throw CLIError("no .transcript files in \(paths.joined(separator: ", "))") }
        var passed = 0, failed = 0
        for file in files {
            let result = try runner.run(path: file)
            if accept {
                try (result.accepted.hasSuffix("\n") ? result.accepted : result.accepted + "\n").write(toFile: file, atomically: true, encoding: .utf8)
                print("accepted \(file)")
                passed += 1
                continue
            }
            if result.passed {
                passed += 1
                print("PASS \(file)")
            } else {
                failed += 1
                print("FAIL \(file)")
                for f in result.failures { print("  " + f) }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    static func files(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw CLIError("no such file or folder: \(path)") }
            if isDir.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".transcript") }.sorted()
                out += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                out.append(path)
            }
        }
        return out
    }
}
