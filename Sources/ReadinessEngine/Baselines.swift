import CoachCore

/// History keyed by day, built once per assessment (O(n)) so every window read is O(window).
/// Only the 60 days before today are kept: no rule looks further back.
struct HistoryIndex: Sendable {
    static let maxWindow = 60

    let today: Day
    let todayRecord: DailyRecord
    private let byOrdinal: [Int: DailyRecord]

    init(today: Day, checkin: DailyRecord, history: [DailyRecord]) {
        self.today = today
        self.todayRecord = checkin
        var map: [Int: DailyRecord] = [:]
        map.reserveCapacity(min(history.count, Self.maxWindow))
        let earliest = today.ordinal - Self.maxWindow
        for record in history where record.day.ordinal < today.ordinal && record.day.ordinal >= earliest {
            // Two records for one day: keep the later one in the input (the latest state).
            map[record.day.ordinal] = record
        }
        byOrdinal = map
    }

    /// The record `daysAgo` days before today (0 = today's check-in).
    func record(daysAgo: Int) -> DailyRecord? {
        daysAgo == 0 ? todayRecord : byOrdinal[today.ordinal - daysAgo]
    }

    /// Values of the previous `days` days (1...days ago), oldest first, skipping days without one.
    func values(lastDays days: Int, _ pick: (DailyRecord) -> Double?) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(days)
        for ago in stride(from: min(days, Self.maxWindow), through: 1, by: -1) {
            if let r = byOrdinal[today.ordinal - ago], let v = pick(r) { out.append(v) }
        }
        return out
    }

    /// The earliest day in the window that has a record, as days ago (nil when no history).
    var oldestDaysAgo: Int? {
        byOrdinal.keys.min().map { today.ordinal - $0 }
    }
}

/// Mean and sample SD of a personal baseline.
public struct Baseline: Sendable, Hashable {
    public var mean: Double
    public var sd: Double
    public var count: Int

    public init(mean: Double, sd: Double, count: Int) {
        self.mean = mean
        self.sd = sd
        self.count = count
    }

    /// nil when there are fewer than `minimum` values.
    public init?(values: [Double], minimum: Int) {
        guard values.count >= max(minimum, 1) else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let ss = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        self.init(mean: mean, sd: values.count > 1 ? (ss / (n - 1)).squareRoot() : 0, count: values.count)
    }

    /// Standard score; nil when the SD is zero (no spread, no meaningful z).
    public func z(_ x: Double) -> Double? {
        sd > 0 ? (x - mean) / sd : nil
    }
}

/// Words for places and numbers in reasons.
enum Words {
    static func location(_ l: BodyLocation) -> String {
        switch l {
        case .plantarFascia: return "plantar fascia"
        case .itBand: return "IT band"
        case .hipFlexor: return "hip flexor"
        case .lowerBack: return "lower back"
        default: return l.rawValue
        }
    }

    static func pain(_ p: Pain) -> String {
        var s = ""
        if let side = p.side, side != .both { s += side.rawValue + " " }
        s += location(p.location) + " pain"
        if let score = p.score { s += " " + formatNumber(score) + "/10" }
        return s
    }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    static func signed(_ x: Double) -> String {
        let r = x.rounded()
        return (r >= 0 ? "+" : "") + formatNumber(r)
    }
}
