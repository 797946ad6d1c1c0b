/// A text sparkline (▁▂▃▄▅▆▇█) for a chat message: one character a day, `·` for a day without data.
public enum Sparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public static func render(_ values: [Double?]) -> String {
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else {
            return String(repeating: "·", count: values.count)
        }
        let span = high - low
        return String(values.map { value -> Character in
            guard let value else { return "·" }
            guard span > 0 else { return bars[3] }
            let index = Int(((value - low) / span * Double(bars.count - 1)).rounded())
            return bars[min(max(index, 0), bars.count - 1)]
        })
    }
}
