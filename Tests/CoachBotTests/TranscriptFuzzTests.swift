import CoachBot
import CoachCore
import Foundation
import Testing

/// Admin inputs never crash the bot: transcript files mutated at random (seeded) either replay or
/// come back as a failure naming the file and line; the process survives every one.
@Suite struct TranscriptFuzzTests {
    @Test func theTwoKnownCrashesAreErrorsNamingFileAndLine() throws {
        let runner = TranscriptRunner(parser: Fixtures.parser)
        for (text, line) in [("@clock 2026-03-02 07:00 UTC\n> @: x\n", 2), ("@athlete alice\n@history alice 28d hrv=±\n", 2),
                             ("> alice@: x\n", 1), ("@history alice 0d hrv=50\n", 1), ("@history alice 28d hrv=nan±1\n", 1)] {
            let result = try runner.run(text: text, path: "bad.transcript")
            #expect(!result.passed)
            #expect(result.failures.first?.hasPrefix("bad.transcript: line \(line):") == true, "\(result.failures)")
        }
    }

    /// Pieces a mutation splices in: the syntax that has broken parsers before.
    static let splices = ["@", ">", "<", ":", "±", "+-", "=", "\"", "@history", "@plan", "@clock", "@advance", "@config", "@athlete",
                          "@coach", "0d", "-1d", "99999999999999999999d", "hrv=", "/", "//", "x@", "@@", "🏃", "\u{0}", "nan", "1e309",
                          "-0", "2026-02-30", "25:99", "Mars/Olympus", "1d2x", "override", "plan alice", "\n", "\t", "ø"]

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<rng.int(1...4) where !lines.isEmpty {
            let i = rng.int(0...(lines.count - 1))
            var chars = Array(lines[i])
            switch rng.int(0...5) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[rng.int(0...(lines.count - 1))], at: i)
            case 2 where !chars.isEmpty: chars.removeSubrange(rng.int(0...(chars.count - 1))...); lines[i] = String(chars)
            case 3:
                let at = chars.isEmpty ? 0 : rng.int(0...chars.count)
                chars.insert(contentsOf: splices[rng.int(0...(splices.count - 1))], at: at)
                lines[i] = String(chars)
            case 4 where chars.count > 1:
                let a = rng.int(0...(chars.count - 1)), b = rng.int(0...(chars.count - 1))
                chars.swapAt(a, b)
                lines[i] = String(chars)
            default:
                lines[i] = lines[i].replacingOccurrences(of: " ", with: splices[rng.int(0...(splices.count - 1))])
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedTranscriptsNeverCrash() throws {
        let started = ContinuousClock.now
        let runner = TranscriptRunner(parser: Fixtures.parser)
        let dir = Fixtures.root.appendingPathComponent("Transcripts")
        var rng = SplitMix64(seed: 0xC0AC_4B07)
        var failedWithLine = 0, runs = 0
        for name in Fixtures.transcripts.prefix(12) {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            for _ in 0..<8 {
                runs += 1
                let mutated = Self.mutate(text, &rng)
                let result: TranscriptRunner.Result
                do {
                    result = try runner.run(text: mutated, path: name)
                } catch {
                    // A refusal mid-replay (an undeclared athlete) also names the file and line.
                    #expect("\(error)".hasPrefix("\(name):"), "\(error)")
                    failedWithLine += 1
                    continue
                }
                // Every failure names the file, and a parse failure its line.
                #expect(result.failures.allSatisfy { $0.hasPrefix(name) }, "\(result.failures.prefix(2))")
                if result.failures.contains(where: { $0.hasPrefix("\(name): line ") }) { failedWithLine += 1 }
            }
        }
        print("transcript fuzz: \(runs) runs in \(ContinuousClock.now - started)")
        #expect(runs == 96)
        #expect(failedWithLine > 10)
    }
}
