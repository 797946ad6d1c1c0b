import CheckinParser
import CoachCore
import Foundation

/// The repository's own `Intents/` vocabulary, loaded once for all tests.
enum Fixtures {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let vocabulary: Vocabulary = {
        let dir = repositoryRoot.appendingPathComponent("Intents")
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".toml") {
            files[name] = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        do {
            return try Vocabulary(files: files)
        } catch {
            fatalError("Intents/ does not load: \(error)")
        }
    }()

    static let parser = CheckinParser(vocabulary: vocabulary)

    static func corpusFile(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus/\(name)")
    }
}

/// Compares a parse result with an expectation the way the spec reads them: a missing key, null
/// and an empty list all mean "not said"; lists are unordered; numbers match within 0.01.
enum Expectation {
    /// Keys compared whether or not the expectation names them (so extra facts count as wrong).
    static let factKeys = ["intent", "metrics", "soreness", "pain", "illness", "workout"]

    /// The differences, empty when the result is fully right.
    static func differences(actualJSON: String, expected: [String: Any]) -> [String] {
        guard let actual = (try? JSONSerialization.jsonObject(with: Data(actualJSON.utf8))) as? [String: Any] else {
            return ["output is not a JSON object: \(actualJSON)"]
        }
        var keys = Set(factKeys)
        keys.formUnion(expected.keys)
        var diffs: [String] = []
        for key in keys.sorted() {
            let a = canonical(actual[key]), e = canonical(expected[key])
            if a != e { diffs.append("\(key): expected \(e.isEmpty ? "nothing" : e), got \(a.isEmpty ? "nothing" : a)") }
        }
        return diffs
    }

    static func canonical(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let b as Bool where type(of: value!) == Bool.self:
            return b ? "true" : ""
        case let n as NSNumber:
            if "\(type(of: n))".contains("Bool") { return n.boolValue ? "true" : "" }
            let d = (n.doubleValue * 100).rounded() / 100
            return d == d.rounded() ? String(Int(d)) : String(d)
        case let s as String: return "\"\(s)\""
        case let list as [Any]:
            let items = list.map { canonical($0) }.filter { !$0.isEmpty }.sorted()
            return items.isEmpty ? "" : "[" + items.joined(separator: ",") + "]"
        case let dict as [String: Any]:
            let items = dict.keys.sorted().compactMap { k -> String? in
                let c = canonical(dict[k])
                return c.isEmpty ? nil : "\(k):\(c)"
            }
            return items.isEmpty ? "" : "{" + items.joined(separator: ",") + "}"
        default:
            return "\(value!)"
        }
    }
}
