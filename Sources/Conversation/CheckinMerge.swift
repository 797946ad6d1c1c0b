import CoachCore

/// How a correction later the same day combines with the earlier check-in.
public enum CheckinMerge {
    /// Values the correction states replace the earlier ones; pain and soreness are replaced per
    /// location and side; illness codes add up; denied facts ("knee pain gone", "no fever") go.
    public static func merge(earlier: DailyRecord, correction: DailyRecord, denied: [ParsedMessage.Denial]) -> DailyRecord {
        var merged = correction
        let e = earlier.metrics, c = correction.metrics
        merged.metrics = Metrics(
            hrvMs: c.hrvMs ?? e.hrvMs, rhrBpm: c.rhrBpm ?? e.rhrBpm, sleepHours: c.sleepHours ?? e.sleepHours,
            sleepQuality: c.sleepQuality ?? e.sleepQuality, fatigue: c.fatigue ?? e.fatigue, stress: c.stress ?? e.stress,
            mood: c.mood ?? e.mood, motivation: c.motivation ?? e.motivation, temperatureC: c.temperatureC ?? e.temperatureC)
        func isDenied(pain location: BodyLocation) -> Bool {
            denied.contains(.pain(nil)) || denied.contains(.pain(location))
        }
        func isDenied(soreness location: BodyLocation) -> Bool {
            denied.contains(.soreness(nil)) || denied.contains(.soreness(location)) || denied.contains(.pain(location))
        }
        merged.pain = earlier.pain.filter { old in
            !isDenied(pain: old.location) && !correction.pain.contains { $0.location == old.location && $0.side == old.side }
        } + correction.pain
        merged.soreness = earlier.soreness.filter { old in
            !isDenied(soreness: old.location) && !correction.soreness.contains(old) && !merged.pain.contains { $0.location == old.location }
        } + correction.soreness
        // A lower temperature later the same day does not clear the day's fever (the 24-hour
        // fever-free clock counts from the last reading of 38.0 °C or more); "no fever" does.
        merged.illness = earlier.illness.filter { old in
            !denied.contains(.illness(old)) && !correction.illness.contains(old)
        } + correction.illness
        if denied.contains(.illness(.fever)) {
            merged.illness.removeAll { $0 == .fever }
            if let t = merged.metrics.temperatureC, t >= 38, c.temperatureC == nil { merged.metrics.temperatureC = nil }
        } else if (e.temperatureC ?? 0) >= 38 || earlier.illness.contains(.fever), !merged.illness.contains(.fever) {
            merged.illness.append(.fever)
        }
        if merged.illness.count > 1 { merged.illness.removeAll { $0 == .sick } }
        return merged
    }
}
