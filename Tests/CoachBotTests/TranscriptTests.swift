import CheckinParser
import CoachBot
import Foundation
import Testing

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let parser: CheckinParser = {
        let dir = root.appendingPathComponent("Intents")
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".toml") {
            files[name] = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        do { return CheckinParser(vocabulary: try Vocabulary(files: files)) } catch { fatalError("Intents/ does not load: \(error)") }
    }()

    static var transcripts: [String] {
        let dir = root.appendingPathComponent("Transcripts")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".transcript") }.sorted()
    }
}

/// Every file in `Transcripts/` is a test.
@Suite struct TranscriptTests {
    @Test func thereAreTranscripts() {
        #expect(Fixtures.transcripts.count >= 1)
    }

    @Test(arguments: Fixtures.transcripts)
    func transcript(_ name: String) throws {
        let path = Fixtures.root.appendingPathComponent("Transcripts/\(name)").path
        let result = try TranscriptRunner(parser: Fixtures.parser).run(path: path)
        #expect(result.passed, Comment(rawValue: result.failures.joined(separator: "\n")))
    }

    @Test func aWrongExpectationFailsWithADiffNamingTheLine() throws {
        let text = """
            @clock 2026-03-02 06:30 Europe/Oslo
            @athlete alice "Alice Berg"
            > alice: help
            < alice: this text is not in the help
            """
        let result = try TranscriptRunner(parser: Fixtures.parser).run(text: text, path: "wrong.transcript")
        #expect(!result.passed)
        #expect(result.failures.first?.hasPrefix("wrong.transcript:4: expected in alice: this text is not in the help") == true)
        #expect(result.failures.first?.contains("the bot sent: Check in each morning") == true)
    }

    @Test func aMessageWithoutExpectationFails() throws {
        let text = """
            @clock 2026-03-02 06:30 Europe/Oslo
            @athlete alice "Alice Berg"
            > alice: help
            """
        let result = try TranscriptRunner(parser: Fixtures.parser).run(text: text, path: "t")
        #expect(result.failures.first?.contains("a message no expectation matches") == true)
    }

    @Test func acceptWritesEveryMessageAsAPlainPattern() throws {
        let text = """
            @clock 2026-03-02 06:30 Europe/Oslo
            @athlete alice "Alice Berg"
            > alice: undo
            < alice: something stale
            """
        let result = try TranscriptRunner(parser: Fixtures.parser).run(text: text, path: "t")
        #expect(result.accepted.hasSuffix("> alice: undo\n< alice: There is nothing from today to undo."))
        let again = try TranscriptRunner(parser: Fixtures.parser).run(text: result.accepted, path: "t")
        #expect(again.passed)
    }

    @Test(arguments: ["@logs alice 7 km=10", "@logs alice 7d pace=5", "@profile alice", "@profile alice =yes"])
    func badTrainingDirectivesAreNamed(_ line: String) throws {
        let text = "@clock 2026-03-02 06:30 Europe/Oslo\n@athlete alice \"Alice Berg\"\n\(line)\n"
        let result = try TranscriptRunner(parser: Fixtures.parser).run(text: text, path: "t")
        #expect(result.failures.first?.contains("line 3") == true, "\(result.failures)")
    }

    /// `@logs` sessions are the athlete's history: 28 days of the same run make a steady ACWR.
    @Test func logsFeedTheLoadFigures() throws {
        let text = """
            @clock 2026-03-02 06:30 Europe/Oslo
            @athlete alice "Alice Berg"
            @logs alice 30d km=10 min=50 rpe=4
            > alice: progress
            < alice: This week's load against your recent norm: 1
            """
        let result = try TranscriptRunner(parser: Fixtures.parser).run(text: text, path: "t")
        #expect(result.passed, Comment(rawValue: result.failures.joined(separator: "\n")))
    }
}
