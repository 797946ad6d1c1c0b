import TOMLKit

/// The `[backup]` section: where, when and how long backups are kept, and the key that seals them.
public struct BackupSettings: Sendable, Hashable {
    /// The directory the daily backups go to (created 0700 if absent).
    public var dir: String
    /// Minutes after local midnight (team time zone) of the daily backup; `time = "03:00"`.
    public var minuteOfDay: Int
    public var keepDaily: Int
    public var keepWeekly: Int
    /// 32 random bytes (or 64 hex digits); without it backups are plain, and say so.
    public var keyFile: String?

    public init(dir: String, minuteOfDay: Int = 180, keepDaily: Int = 7, keepWeekly: Int = 4, keyFile: String? = nil) {
        self.dir = dir
        self.minuteOfDay = minuteOfDay
        self.keepDaily = keepDaily
        self.keepWeekly = keepWeekly
        self.keyFile = keyFile
    }

    init(table b: TOMLTable, fail: (String) -> TeamConfig.ConfigError) throws {
        guard let dir = b["dir"]?.string, !dir.isEmpty else { throw fail("[backup] needs dir = \"/var/lib/coachbot/backups\"") }
        let time = b["time"]?.string ?? "03:00"
        guard let minute = TeamClock.minuteOfDay(time) else { throw fail("[backup] time should be HH:MM (got \"\(time)\")") }
        func count(_ key: String, _ fallback: Int) throws -> Int {
            guard let value = b[key] else { return fallback }
            guard let n = value.int, n >= 0 else { throw fail("[backup] \(key) should be a whole number, 0 or more") }
            return n
        }
        self.init(dir: dir, minuteOfDay: minute, keepDaily: try count("keep_daily", 7), keepWeekly: try count("keep_weekly", 4),
                  keyFile: b["key_file"]?.string)
    }
}
