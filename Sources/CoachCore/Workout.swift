/// Workout types of the training plan (the transcript spec's list).
public enum WorkoutType: String, Sendable, CaseIterable, Codable {
    case rest, easy, recovery, long, tempo, threshold, intervals, hills, race, strength, cross

    /// Hard sessions are the ones "easy aerobic" turns into an easy run.
    public var isHard: Bool {
        switch self {
        case .long, .tempo, .threshold, .intervals, .hills, .race: return true
        default: return false
        }
    }

    /// Whether the session is a run (cross-training substitutes for runs only).
    public var isRun: Bool {
        switch self {
        case .rest, .strength, .cross: return false
        default: return true
        }
    }
}

/// A workout as planned or as prescribed: type, duration and optional details.
public struct WorkoutSpec: Sendable, Hashable, Codable {
    public var type: WorkoutType
    public var minutes: Int?
    public var km: Double?
    public var description: String?
    /// Intensity target in words, e.g. "LT2" or "conversational, RPE 3-4".
    public var target: String?
    /// A coach's own words for the whole workout (`bike 45min`, `easy 30min flat, stop if knee >
    /// 3/10`): shown to the athlete as written, so nothing the coach said is lost.
    public var words: String?

    public init(type: WorkoutType, minutes: Int? = nil, km: Double? = nil, description: String? = nil, target: String? = nil) {
        self.type = type
        self.minutes = minutes
        self.km = km
        self.description = description
        self.target = target
    }
}

/// A date without a time, in the team's time zone. The core never reads a clock: callers say
/// which day it is.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Builds a day from a calendar date (proleptic Gregorian).
    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    /// Parses `YYYY-MM-DD`; nil when it is not a real date.
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
        guard components == (y, m, d) else { return nil }
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 0 = Monday ... 6 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// A day as coaches and transcripts write it: `today`, `tomorrow` (or `idag`, `imorgon`),
    /// `+Nd`, or an ISO date; nil when it is none of these.
    public static func resolve(_ text: String, today: Day) -> Day? {
        switch text.lowercased() {
        case "today", "idag": return today
        case "tomorrow", "imorgon": return today.adding(days: 1)
        case let t where t.hasPrefix("+") && t.hasSuffix("d"):
            return Int(t.dropFirst().dropLast()).map { today.adding(days: $0) }
        case let t: return Day(iso: t)
        }
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    public var description: String {
        let c = components
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year)-\(pad(c.month))-\(pad(c.day))"
    }
}
