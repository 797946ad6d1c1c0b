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

    private static func value(after marker: String, in chunk: Substring) -> String? {
        guard let start = chunk.range(of: marker)?.upperBound,
              let end = chunk[start...].firstIndex(of: "\"") else { return nil }
        return String(chunk[start..<end])
    }
}
