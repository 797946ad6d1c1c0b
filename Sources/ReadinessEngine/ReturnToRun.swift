import CoachCore

/// Where an athlete stands in the walk-run progression after a no-running spell for pain.
public struct ReturnToRunStage: Sendable, Hashable {
    /// 1...6 (`ReturnToRun.stageCount`).
    public var stage: Int
    /// Today is the rest day between two run stages; `stage` is the next one to do.
    public var isRestDay: Bool
    /// What to do today ("walk 4 min / jog 1 min × 6"), or "rest day" on a rest day.
    public var summary: String

    public init(stage: Int, isRestDay: Bool, summary: String) {
        self.stage = stage
        self.isRestDay = isRestDay
        self.summary = summary
    }
}

/// Walk-run return to running (spec: pain-free 30-min walk first, then walk/jog intervals, a rest
/// day between runs, step back one stage on pain or limp). Our simple, documented version:
/// a no-running day for pain is a day whose recorded decision was cross-train, rest or see a
/// physio while pain was reported. Each later pain-free check-in day counts as that stage done;
/// the day after a jog stage is a rest day; a day with pain steps back one stage; a day without a
/// record, or with rest for another reason, neither advances nor steps back. After stage 6 the
/// plan resumes. Looks back at most 28 days.
public enum ReturnToRun {
    public static let stages: [String] = [
        "pain-free walk 30 min",
        "walk 4 min / jog 1 min × 6",
        "walk 3 min / jog 2 min × 6",
        "walk 2 min / jog 3 min × 6",
        "walk 1 min / jog 4 min × 6",
        "easy jog 30 min, pain-free",
    ]
    public static var stageCount: Int { stages.count }
    public static let lookbackDays = 28

    static func hasPain(_ r: DailyRecord) -> Bool {
        r.pain.contains { ($0.score ?? 1) > 0 || $0.gaitAffected || !$0.redFlags.isEmpty }
    }

    static func wasNoRunningForPain(_ r: DailyRecord) -> Bool {
        (r.decision ?? .asPlanned) >= .crossTrain && !r.pain.isEmpty
    }

    /// Replays the days after the spell (oldest first, nil = no record): the next stage (1-based)
    /// and whether the next day is a rest day.
    public static func replay(_ days: [DailyRecord?]) -> (next: Int, restDay: Bool) {
        var stage = 1, lastWasRun = false
        for day in days {
            guard let r = day else { lastWasRun = false; continue }
            if hasPain(r) { stage = max(1, stage - 1); lastWasRun = false; continue }
            if (r.decision ?? .asPlanned) >= .crossTrain || lastWasRun { lastWasRun = false; continue }
            lastWasRun = stage >= 2
            stage += 1
        }
        return (stage, lastWasRun)
    }

    /// Today's stage; nil when there was no spell, the progression is complete, or today's pain
    /// is 4+ (the pain rules decide).
    static func stage(_ idx: HistoryIndex) -> ReturnToRunStage? {
        guard let spell = (1...lookbackDays).first(where: { idx.record(daysAgo: $0).map(wasNoRunningForPain) ?? false })
        else { return nil }
        let after = stride(from: spell - 1, through: 1, by: -1).map { idx.record(daysAgo: $0) }
        var (next, restDay) = replay(after)
        let today = idx.todayRecord
        if hasPain(today) {
            guard today.pain.allSatisfy({ PainRules.rule($0).decision == .asPlanned }) else { return nil }
            next = max(1, next - 1)
            restDay = false
        }
        guard next <= stageCount else { return nil }
        return ReturnToRunStage(stage: next, isRestDay: restDay, summary: restDay ? "rest day" : stages[next - 1])
    }

    /// The progression replaces a planned run: a rest day, or the stage as an easy session.
    static func finding(_ s: ReturnToRunStage) -> RuleFinding {
        s.isRestDay
            ? RuleFinding(rule: "return-to-run", decision: .rest, reason: "return to running: rest day between runs", scheduled: true)
            : RuleFinding(rule: "return-to-run", decision: .easyAerobic,
                          reason: "return to running: stage \(s.stage) of \(stageCount)", scheduled: true)
    }

    static func workout(_ s: ReturnToRunStage) -> WorkoutSpec {
        s.isRestDay
            ? WorkoutSpec(type: .rest, description: "rest day between return-to-run sessions")
            : WorkoutSpec(type: s.stage == 1 ? .recovery : .easy, minutes: 30, description: s.summary,
                          target: "pain-free; stop and step back a stage on pain, swelling or limp")
    }
}
