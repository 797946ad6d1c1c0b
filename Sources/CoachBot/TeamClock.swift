import CoachCore
import Foundation
import Synchronization

/// Converts instants to the team's local days and times. The only place that knows time zones;
/// the instant itself always comes from the caller (a real clock, a transcript's fake one).
public struct TeamClock: Sendable {
    public var timeZone: TimeZone
    private var calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        calendar = c
    }

    public init?(zone identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: zone)
    }

    /// The local calendar day of an instant (seconds since 1970).
    public func day(at time: Double) -> Day {
        let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: time))
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// The instant of a local day and minute of day.
    public func instant(of day: Day, minute: Int) -> Double {
        let (y, m, d) = day.components
        let date = calendar.date(from: DateComponents(year: y, month: m, day: d, hour: minute / 60, minute: minute % 60)) ?? Date(timeIntervalSince1970: 0)
        return date.timeIntervalSince1970
    }

    private static let cache = Mutex<[String: TeamClock]>([:])

    /// The clock of a zone, built once (a calendar is costly to make for every message); an
    /// unknown zone falls back to UTC.
    static func cached(zone: String) -> TeamClock {
        cache.withLock { clocks in
            if let c = clocks[zone] { return c }
            let c = TeamClock(zone: zone) ?? TeamClock(timeZone: TimeZone(identifier: "UTC") ?? .current)
            clocks[zone] = c
            return c
        }
    }

    /// "10:00" → 600.
    public static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }
}
