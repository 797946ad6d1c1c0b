import ArgumentParser
import CheckinParser
import CoachCore
import Foundation

/// Measures parsing throughput: in process (parse + JSON), and end to end through
/// `coachbot parse --json` reading standard input, which is the figure the README reports.
struct BenchParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Messages per second of the parser (target: 100,000/s on one core).",
        discussion: "Generates a deterministic mix of realistic messages (both languages, typos, negations, coach commands, noise)."
    )

    @Option(help: "How many messages to parse.")
    var messages = 500_000

    @Option(name: .long, help: ArgumentHelp("Vocabulary folder.", valueName: "DIR"))
    var intents: String?

    func run() throws {
        let vocabulary = try loadVocabulary(intents)
        let parser = CheckinParser(vocabulary: vocabulary)
        let corpus = BenchMessages.make(count: 5_000, examples: vocabulary.examples.map(\.text))

        // Warm up, then time the in-process path.
        var bytes = 0
        for m in corpus { bytes &+= parser.parse(m).json.utf8.count }
        let clock = ContinuousClock()
        let start = clock.now
        for i in 0..<messages {
            bytes &+= parser.parse(corpus[i % corpus.count]).json.utf8.count
        }
        let inProcess = clock.now - start
        let perSecond = Double(messages) / inProcess.seconds
        print("parse+json in process: \(messages) messages in \(format(inProcess.seconds)) s = \(Int(perSecond)) messages/s (\(format(1e6 / perSecond)) µs each; \(bytes) bytes out)")

        // End to end: this binary as `parse --json < file > /dev/null`.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-bench-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        var text = ""
        for i in 0..<messages { text += corpus[i % corpus.count] + "\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = ["parse", "--json"] + (intents.map { ["--intents", $0] } ?? [])
        process.standardInput = try FileHandle(forReadingFrom: file)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let t0 = clock.now
        try process.run()
        process.waitUntilExit()
        let endToEnd = clock.now - t0
        print("coachbot parse --json < file: \(messages) messages in \(format(endToEnd.seconds)) s = \(Int(Double(messages) / endToEnd.seconds)) messages/s (exit \(process.terminationStatus))")
    }

    private func format(_ d: Double) -> String { String(format: "%.3f", d) }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}

/// A deterministic mix of messages like a team sends: check-ins of every shape, logs, questions,
/// coach commands, Swedish, typos and noise.
enum BenchMessages {
    static func make(count: Int, examples: [String]) -> [String] {
        var rng = SplitMix64(seed: 42)
        var out: [String] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            if i % 10 == 9, !examples.isEmpty {
                out.append(examples[rng.int(0...(examples.count - 1))])
            } else {
                out.append(message(rng.int(0...13), &rng))
            }
        }
        return out
    }
}

extension BenchMessages {
    private static func message(_ kind: Int, _ r: inout SplitMix64) -> String {
        switch kind {
        case 0: return "hrv \(r.int(35...90)) sleep \(r.int(5...9)) sore legs"
        case 1: return "rhr \(r.int(40...60)), slept \(r.int(5...9))h badly, left achilles \(r.int(1...6))/10"
        case 2: return "morning! hrv \(r.int(35...90)), legs a bit heavy"
        case 3: return "feber \(r.int(37...39)),\(r.int(0...9))"
        case 4: return "hvr \(r.int(35...90)) rhr \(r.int(40...60)) slpet \(r.int(5...9)):\(r.int(10...59))"
        case 5: return "done \(r.int(5...21))k easy \(r.int(25...110))min rpe \(r.int(2...9))"
        case 6: return "sov \(r.int(5...9)) timmar, trött, ont i vänster knä \(r.int(1...7))/10"
        case 7: return "no pain today, stress \(r.int(1...5))/5, mood good, motivation low"
        case 8: return "didn't sleep well, very tired, sore throat and runny nose"
        case 9: return "what's today?"
        case 10: return "override athlete\(r.int(1...99)) easy \(r.int(20...60))min"
        case 11: return "lol ok thanks 👍"
        case 12: return "sharp pain in my right shin \(r.int(2...9))/10, limping"
        default: return "slept seven and a half hours, hrv \(r.int(35...90))ms, fatigue \(r.int(1...10))/10"
        }
    }
}
