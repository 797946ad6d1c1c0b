import ArgumentParser
import CheckinParser
import CoachCore
import Foundation

/// `coachbot parse`: the parser's stable command-line contract (see checkin-language.md).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse check-in messages into intents with typed facts.",
        discussion: """
            With TEXT, parses that one message. Without it, reads one message per line on standard \
            input and writes one result per line, in the same order. Exit status is 0 whatever the text.

              coachbot parse "hrv 52 sleep 7 sore legs"
              coachbot parse --json "hrv 52 sleep 7 sore legs"
              coachbot parse --json < messages.txt
              coachbot parse --report labelled.tsv     # lines: text<TAB>intent
            """
    )

    @Flag(name: .long, help: "Print one JSON object per message, on one line.")
    var json = false

    @Option(name: .long, help: "Language of the messages: en, sv or auto.")
    var lang: String = "auto"

    @Option(name: .long, help: ArgumentHelp("Print per-intent precision and recall for a labelled file (text<TAB>intent per line).", valueName: "FILE"))
    var report: String?

    @Option(name: .long, help: ArgumentHelp("Folder with the vocabulary files (default: ./Intents or next to the program).", valueName: "DIR"))
    var intents: String?

    @Argument(help: "The message to parse; omit to read messages from standard input.")
    var text: [String] = []

    func validate() throws {
        guard ["en", "sv", "auto"].contains(lang) else {
            throw ValidationError("--lang must be en, sv or auto (got '\(lang)')")
        }
    }

    func run() throws {
        let parser = try CheckinParser(vocabulary: loadVocabulary(intents))
        let language = Language(rawValue: lang)
        if let report {
            try runReport(parser, file: report, language: language)
            return
        }
        var out = OutputBuffer()
        let render: (String) -> String = { line in
            let parsed = parser.parse(line, language: language)
            return json ? parsed.json : parsed.summary
        }
        if !text.isEmpty {
            out.write(render(text.joined(separator: " ")))
            out.write("\n")
        } else {
            LineReader.forEachLine(fd: 0) { line in
                out.write(render(line))
                out.write("\n")
            }
        }
        out.flush()
    }

    private func runReport(_ parser: CheckinParser, file: String, language: Language?) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError("cannot read the labelled file '\(file)'")
        }
        var pairs: [(expected: Intent, got: Intent)] = []
        var problems: [String] = []
        for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let tab = trimmed.lastIndex(of: "\t") else {
                problems.append("line \(n + 1): no TAB between the text and the intent")
                continue
            }
            let label = trimmed[trimmed.index(after: tab)...].trimmingCharacters(in: .whitespaces)
            guard let expected = Intent(rawValue: label) else {
                problems.append("line \(n + 1): '\(label)' is not an intent (one of: \(Intent.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            pairs.append((expected, parser.parse(String(trimmed[..<tab]), language: language).intent))
        }
        print(IntentReport(pairs: pairs).render(), terminator: "")
        if !problems.isEmpty {
            print("\nskipped \(problems.count) line(s):")
            problems.forEach { print("  " + $0) }
        }
    }
}

func loadVocabulary(_ explicit: String?) throws -> Vocabulary {
    try IntentsLocator.vocabulary(explicit: explicit)
}

/// An error for the person at the terminal: one line saying what to fix.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
