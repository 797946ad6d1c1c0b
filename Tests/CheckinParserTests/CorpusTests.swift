import CheckinParser
import CoachCore
import Foundation
import Testing

/// The labelled corpus of real-style messages (`Corpus/corpus.jsonl`): at least 95% must parse
/// fully right. The failures are printed, so a regression names its messages.
@Suite struct CorpusTests {
    struct Entry {
        var line: Int
        var text: String
        var expected: [String: Any]
    }

    static func load() throws -> [Entry] {
        let text = try String(contentsOf: Fixtures.corpusFile("corpus.jsonl"), encoding: .utf8)
        var entries: [Entry] = []
        for (n, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let message = try #require(object["text"] as? String)
            let expected = try #require(object["expect"] as? [String: Any])
            entries.append(Entry(line: n + 1, text: message, expected: expected))
        }
        return entries
    }

    @Test func corpusParsesAtLeast95PercentFullyRight() throws {
        let entries = try Self.load()
        #expect(entries.count >= 300)
        var failures: [String] = []
        for entry in entries {
            let json = Fixtures.parser.parse(entry.text).json
            let diffs = Expectation.differences(actualJSON: json, expected: entry.expected)
            if !diffs.isEmpty { failures.append("line \(entry.line): \"\(entry.text)\"\n    " + diffs.joined(separator: "\n    ")) }
        }
        let rate = Double(entries.count - failures.count) / Double(entries.count)
        print("corpus: \(entries.count - failures.count) of \(entries.count) fully right (\(String(format: "%.1f", rate * 100))%)")
        for f in failures { print(f) }
        #expect(rate >= 0.95, "only \(String(format: "%.1f", rate * 100))% fully right")
    }

    @Test func bothLanguagesAreInTheCorpus() throws {
        let entries = try Self.load()
        let swedish = entries.filter { Fixtures.parser.parse($0.text).language == .sv }.count
        #expect(swedish >= 50)
    }
}
