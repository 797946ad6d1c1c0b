import CoachCore
import Foundation

/// Small JSON helpers for the columns that hold JSON.
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A workout as JSON, by hand: written with every assessment. Decodes with `decode`.
    static func encodeWorkout(_ w: WorkoutSpec) -> String {
        var parts = ["\"type\":\"\(w.type.rawValue)\""]
        if let m = w.minutes { parts.append("\"minutes\":\(m)") }
        if let k = w.km { parts.append("\"km\":\(k)") }
        if let d = w.description { parts.append("\"description\":" + d.jsonQuoted) }
        if let t = w.target { parts.append("\"target\":" + t.jsonQuoted) }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// A list of strings as JSON, by hand: assessments' reasons are written for every check-in.
    static func encodeStrings(_ items: [String]) -> String {
        "[" + items.map(\.jsonQuoted).joined(separator: ",") + "]"
    }

    /// Soreness is on the history hot path, so it is written and read by hand:
    /// `[{"location":"calf","side":"left"},{"location":"legs","side":null}]`.
    static func encodeSoreness(_ items: [Soreness]) -> String? {
        guard !items.isEmpty else { return nil }
        let parts = items.map { s in
            "{\"location\":\"\(s.location.rawValue)\",\"side\":\(s.side.map { "\"\($0.rawValue)\"" } ?? "null")}"
        }
        return "[" + parts.joined(separator: ",") + "]"
    }

    static func decodeSoreness(_ text: String?) -> [Soreness] {
        guard let text, text.count > 2 else { return [] }
        var result: [Soreness] = []
        // Each object: split on "location":" and read up to the next quote.
        for chunk in text.split(separator: "{").dropFirst() {
            guard let loc = value(after: "\"location\":\"", in: chunk), let location = BodyLocation(rawValue: loc) else {
                return JSONCoding.decode([Soreness].self, text) ?? []
            }
            let side = value(after: "\"side\":\"", in: chunk).flatMap(Side.init(rawValue:))
            result.append(Soreness(location: location, side: side))
        }
        return result
    }

    /// The text between `marker` and the next quote, found by a plain UTF-8 scan (Foundation's
    /// `range(of:)` dominated history loading).
    private static func value(after marker: String, in chunk: Substring) -> String? {
        let haystack = Array(chunk.utf8), needle = Array(marker.utf8)
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            guard haystack[i..<(i + needle.count)].elementsEqual(needle) else { continue }
            let start = i + needle.count
            guard let end = haystack[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return String(decoding: haystack[start..<end], as: UTF8.self)
        }
        return nil
    }
}
