import Foundation

/// When the daily backup is due: at `[backup] time` in the team's time zone, once per day. Pure:
/// the daemon asks it with the current instant and the last attempt it recorded.
public struct BackupSchedule: Sendable {
    /// Minutes after local midnight.
    public var minuteOfDay: Int
    public var clock: TeamClock

    public init(minuteOfDay: Int, clock: TeamClock) {
        self.minuteOfDay = minuteOfDay
        self.clock = clock
    }

    /// The latest scheduled instant at or before `now`.
    public func lastSlot(atOrBefore now: Double) -> Double {
        let today = clock.day(at: now)
        let slot = clock.instant(of: today, minute: minuteOfDay)
        return slot <= now ? slot : clock.instant(of: today.adding(days: -1), minute: minuteOfDay)
    }

    /// The next scheduled instant after `now`.
    public func nextSlot(after now: Double) -> Double {
        let today = clock.day(at: now)
        let slot = clock.instant(of: today, minute: minuteOfDay)
        return slot > now ? slot : clock.instant(of: today.adding(days: 1), minute: minuteOfDay)
    }

    /// Whether a backup should start now: no attempt since the latest slot. A daemon that was down
    /// at the slot takes the missed backup when it starts; one that never took any takes one at once.
    public func isDue(now: Double, lastAttempt: Double?) -> Bool {
        guard let lastAttempt else { return true }
        return lastAttempt < lastSlot(atOrBefore: now)
    }
}
