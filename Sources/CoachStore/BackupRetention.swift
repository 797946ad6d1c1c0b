import Foundation

/// Which scheduled backups to keep: the newest of each of the last `keepDaily` days that have a
/// backup, and the newest of each of the last `keepWeekly` ISO weeks, in the team's time zone.
/// Pure: the caller lists the directory and deletes what this returns.
public enum BackupRetention {
    /// A backup's file name for the instant it was taken (UTC, sortable, no colons).
    public static func fileName(at time: Double) -> String {
        "coachbot-\(stamp.string(from: Date(timeIntervalSince1970: time))).backup"
    }

    /// The instant in a name made by `fileName(at:)`; nil for any other file (never pruned).
    public static func time(ofFileName name: String) -> Double? {
        guard name.hasPrefix("coachbot-"), name.hasSuffix(".backup") else { return nil }
        let text = name.dropFirst("coachbot-".count).dropLast(".backup".count)
        return stamp.date(from: String(text))?.timeIntervalSince1970
    }

    private nonisolated(unsafe) static let stamp: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        f.timeZone = TimeZone(identifier: "UTC")
        return f
    }()

    /// The names to delete. The newest backup is always kept, even when both counts are 0.
    public static func toDelete(_ names: [String], keepDaily: Int, keepWeekly: Int, timeZone: TimeZone) -> [String] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let dated = names.compactMap { name in time(ofFileName: name).map { (name, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 > $1.0 }
        var keep: Set<String> = []
        if let newest = dated.first { keep.insert(newest.0) }
        var days: Set<DateComponents> = [], weeks: Set<DateComponents> = []
        for (name, time) in dated {
            let date = Date(timeIntervalSince1970: time)
            let day = calendar.dateComponents([.year, .month, .day], from: date)
            if !days.contains(day), days.count < keepDaily {
                days.insert(day)
                keep.insert(name)
            }
            let week = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            if !weeks.contains(week), weeks.count < keepWeekly {
                weeks.insert(week)
                keep.insert(name)
            }
        }
        return dated.map(\.0).filter { !keep.contains($0) }
    }
}
