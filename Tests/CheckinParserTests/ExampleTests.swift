import CheckinParser
import CoachCore
import Foundation
import Testing

/// Every `[[example]]` in `Intents/*.toml` parses to the result it promises.
@Suite struct ExampleTests {
    static let examples = Fixtures.vocabulary.examples

    @Test func theIntentFilesCarryExamplesForEveryIntentFile() {
        let files = Set(Self.examples.map(\.file))
        #expect(files.isSuperset(of: ["checkin.toml", "workout_log.toml", "today.toml", "status.toml", "help.toml", "undo.toml", "coach.toml", "unknown.toml"]))
    }

    @Test(arguments: examples.indices)
    func example(_ index: Int) throws {
        let example = Self.examples[index]
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(example.expectJSON.utf8)) as? [String: Any])
        let result = Fixtures.parser.parse(example.text).json
        let diffs = Expectation.differences(actualJSON: result, expected: expected)
        #expect(diffs.isEmpty, Comment(rawValue: "\(example.file): \"\(example.text)\" → \(result)\n  " + diffs.joined(separator: "\n  ")))
    }
}
