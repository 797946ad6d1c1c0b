import CoachCore

/// Training-load rules: session-RPE (Foster), ACWR by EWMA (Williams et al. 2017), and the
/// single-session spike (Garmin-RUNSAFE).
public enum LoadRules {
    public static let acuteDays = 7.0
    public static let chronicDays = 28.0
    /// Days of history (oldest record to today) needed before ACWR is shown (our choice).
    public static let minHistoryDays = 28
    public static let spikeRatio = 1.5
    public static let spikeWindowDays = 30
    public static let sessionSpikeFactor = 1.10

    /// Days with a logged session, of the last 28, before ACWR is used or shown (readiness-rules.md):
    /// days without a log are not silently zero load for someone who does not log.
    public static let minLoggedDays = 8

    /// Days with at least one logged session among the 28 before today.
    static func loggedDays(_ idx: HistoryIndex) -> Int {
        (1...Int(chronicDays)).reduce(0) { $0 + ((idx.record(daysAgo: $1)?.sessions.isEmpty ?? true) ? 0 : 1) }
    }

    /// λ = 2 / (N + 1).
    public static func lambda(_ n: Double) -> Double { 2 / (n + 1) }

    /// One day's load: the sum of RPE × minutes of its sessions.
    public static func dailyLoad(_ r: DailyRecord?) -> Double {
        r?.sessions.reduce(0) { $0 + $1.load } ?? 0
    }

    /// EWMA acute:chronic ratio over daily loads, oldest first (days without sessions are 0).
    /// Both averages start at the mean of the first 7 days so a steady load reads 1.0.
    public static func acwr(dailyLoads: [Double]) -> Double? {
        guard dailyLoads.count >= minHistoryDays else { return nil }
        let seedCount = min(7, dailyLoads.count)
        let seed = dailyLoads.prefix(seedCount).reduce(0, +) / Double(seedCount)
        var acute = seed, chronic = seed
        let la = lambda(acuteDays), lc = lambda(chronicDays)
        for load in dailyLoads {
            acute = la * load + (1 - la) * acute
            chronic = lc * load + (1 - lc) * chronic
        }
        return chronic > 0 ? acute / chronic : nil
    }

    /// Daily loads from the oldest record in the 60-day window through yesterday: the morning
    /// assessment reads completed days only (today's load is not known yet; our choice).
    static func dailyLoads(_ idx: HistoryIndex) -> [Double] {
        guard let oldest = idx.oldestDaysAgo else { return [] }
        return stride(from: oldest, through: 1, by: -1).map { dailyLoad(idx.record(daysAgo: $0)) }
    }

    /// ACWR above 1.5 → reduce volume (never rest: ACWR is contested). 0.8–1.3 nudges the score up.
    public static func acwrRule(_ ratio: Double) -> RuleFinding? {
        if ratio > spikeRatio {
            return RuleFinding(rule: "load.acwr", decision: .reduceVolume,
                               reason: "training load spike (ACWR \(formatNumber(ratio)))",
                               category: .load, impact: -10, modifiers: [.shorter])
        }
        if ratio > 1.3 { return RuleFinding(rule: "load.acwr", category: .load, impact: -4) }
        if ratio >= 0.8 { return RuleFinding(rule: "load.acwr", category: .load, impact: 2) }
        return nil
    }

    /// Yesterday's logged run against the longest of the 30 days before it: a warning among this
    /// morning's reasons (readiness-rules.md), never a change of today's workout on its own.
    static func yesterdaysSpike(_ idx: HistoryIndex) -> RuleFinding? {
        let runs = (idx.record(daysAgo: 1)?.sessions ?? []).filter(\.isRun)
        guard !runs.isEmpty else { return nil }
        let longest = longestRun(idx, from: 2)
        let minutes = runs.compactMap(\.minutes).max(), km = runs.compactMap(\.km).max()
        guard let f = sessionSpike(minutes: minutes, km: km, longestMinutes: longest.minutes, longestKm: longest.km, otherFlags: false),
              let reason = f.reason else { return nil }
        return RuleFinding(rule: "load.session-spike-yesterday", reason: "yesterday's " + reason, category: .load, impact: -3)
    }

    /// Longest run (minutes, km) in the 30 days before today (or before `from` days ago).
    static func longestRun(_ idx: HistoryIndex, from start: Int = 1) -> (minutes: Double, km: Double) {
        var minutes = 0.0, km = 0.0
        for ago in start...(start + spikeWindowDays - 1) {
            for s in idx.record(daysAgo: ago)?.sessions ?? [] where s.isRun {
                minutes = max(minutes, s.minutes ?? 0)
                km = max(km, s.km ?? 0)
            }
        }
        return (minutes, km)
    }

    /// A run more than 10% longer (minutes or km) than the longest of the previous 30 days: warn;
    /// with other flags present, shorten it (reduce volume).
    public static func sessionSpike(
        minutes: Double?, km: Double?, longestMinutes: Double, longestKm: Double, otherFlags: Bool
    ) -> RuleFinding? {
        var over: String?
        if let m = minutes, longestMinutes > 0, m > longestMinutes * sessionSpikeFactor {
            over = "\(formatNumber(m)) min vs your longest \(formatNumber(longestMinutes)) min in 30 days"
        } else if let k = km, longestKm > 0, k > longestKm * sessionSpikeFactor {
            over = "\(formatNumber(k)) km vs your longest \(formatNumber(longestKm)) km in 30 days"
        }
        guard let over else { return nil }
        if otherFlags {
            return RuleFinding(rule: "load.session-spike", decision: .reduceVolume,
                               reason: "run much longer than usual (\(over)): shortened",
                               category: .load, impact: -5, modifiers: [.shorter])
        }
        return RuleFinding(rule: "load.session-spike", reason: "run much longer than usual (\(over))", category: .load, impact: -5)
    }

    /// The spike rule applied to today's planned run and any run already logged today.
    static func sessionSpike(_ idx: HistoryIndex, planned: WorkoutSpec?, otherFlags: Bool) -> RuleFinding? {
        let longest = longestRun(idx)
        var minutes: Double?, km: Double?
        // A planned run is compared only for someone who logs (8 of the last 28 days): one logged
        // run is not "the longest of the month" for an athlete who rarely logs (our choice).
        if let p = planned, p.type.isRun, loggedDays(idx) >= minLoggedDays {
            minutes = p.minutes.map(Double.init)
            km = p.km
        }
        for s in idx.todayRecord.sessions where s.isRun {
            if let m = s.minutes { minutes = max(minutes ?? 0, m) }
            if let k = s.km { km = max(km ?? 0, k) }
        }
        return sessionSpike(minutes: minutes, km: km, longestMinutes: longest.minutes, longestKm: longest.km,
                            otherFlags: otherFlags)
    }
}
