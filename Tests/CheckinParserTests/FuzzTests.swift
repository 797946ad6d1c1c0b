import CheckinParser
import CoachCore
import Foundation
import Testing

/// The parser never crashes or hangs, whatever it is fed: 100,000+ random and mutated messages
/// (random bytes, huge lines, emoji, mixed scripts), each of which must come back as valid JSON
/// with an intent, and keep its text when the intent is unknown.
@Suite struct FuzzTests {
    typealias Rng = SplitMix64

    static let seeds: [String] = Fixtures.vocabulary.examples.map(\.text) + [
        "hrv 52 sleep 7 sore legs", "rhr 48, slept 6h badly, left achilles 3/10", "feber 38,5",
        "override alice easy 40min", "plan alice 2026-03-05 long 100min \"hilly\"", "7:30:", "3/0", "0/0 pain",
        "1e308 hrv", "hrv 99999999999999999999999", "::::", "////", "- - - -", "\"unterminated", "note",
    ]
    static let alphabet: [String] = ["a", "é", "ö", "å", "ß", "я", "中", "ع", "🏃‍♀️", "🔥", "\u{0}", "\u{200B}", "\u{FFFD}", " ", "\t",
                                     ",", ".", "/", ":", "°", "'", "\"", "-", "+", "?", "7", "0", "1", "h", "k", "\n", "\r"]

    static func mutate(_ s: String, _ rng: inout Rng) -> String {
        var chars = Array(s)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let op = Int.random(in: 0...3, using: &rng)
            let pos = chars.isEmpty ? 0 : Int.random(in: 0..<chars.count, using: &rng)
            switch op {
            case 0 where !chars.isEmpty: chars.remove(at: pos)
            case 1: chars.insert(contentsOf: alphabet.randomElement(using: &rng)!, at: pos)
            case 2 where chars.count > 1 && pos + 1 < chars.count: chars.swapAt(pos, pos + 1)
            default: chars.append(contentsOf: seeds.randomElement(using: &rng)!)
            }
        }
        return String(chars)
    }

    static func randomBytes(_ rng: inout Rng) -> String {
        let n = Int.random(in: 0...80, using: &rng)
        let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func randomScript(_ rng: inout Rng) -> String {
        (0..<Int.random(in: 1...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    @Test func hundredThousandRandomAndMutatedMessagesAllReturnValidJSON() throws {
        var rng = Rng(seed: 2026)
        let parser = Fixtures.parser
        var checked = 0
        for i in 0..<100_000 {
            let message: String
            switch i % 4 {
            case 0: message = Self.randomBytes(&rng)
            case 1: message = Self.randomScript(&rng)
            default: message = Self.mutate(Self.seeds.randomElement(using: &rng)!, &rng)
            }
            let result = parser.parse(message)
            if result.intent == .unknown { #expect(result.text == message) }
            // Decoding every result would dominate the run; every 50th is enough to catch bad escaping.
            if i % 50 == 0 {
                let object = try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any]
                #expect(object?["intent"] as? String == result.intent.rawValue)
            }
            checked += 1
        }
        #expect(checked == 100_000)
    }

    @Test func hugeLinesReturn() throws {
        let parser = Fixtures.parser
        let huge = [
            String(repeating: "hrv 52 sleep 7 sore legs ", count: 20_000),
            String(repeating: "a", count: 1_000_000),
            String(repeating: "7", count: 100_000),
            String(repeating: "🏃‍♀️", count: 50_000),
            String(repeating: "knee ", count: 50_000) + "pain",
            String(repeating: "no ", count: 50_000),
        ]
        for message in huge {
            let result = parser.parse(message)
            let object = try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any]
            #expect(object?["intent"] != nil)
        }
    }
}
