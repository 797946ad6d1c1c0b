/// Today's decision, ordered from least to most conservative: when several rules fire, the
/// largest wins. The raw values are the verbatim phrases replies must carry.
public enum Decision: String, Sendable, CaseIterable, Codable, Comparable {
    case asPlanned = "as planned"
    case reduceVolume = "reduce volume"
    case reduceIntensity = "reduce intensity"
    case easyAerobic = "easy aerobic"
    case crossTrain = "cross-train"
    case rest = "rest"
    case seePhysio = "see a physio or doctor"

    private var rank: Int { Decision.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Decision, rhs: Decision) -> Bool { lhs.rank < rhs.rank }
}

/// The readiness band of a 0...100 score: green ≥ 70, amber 40...69, red < 40.
public enum Band: String, Sendable, CaseIterable, Codable {
    case green, amber, red

    public init(score: Int) {
        self = score >= 70 ? .green : score >= 40 ? .amber : .red
    }
}

/// A session the athlete logged (`done 10k easy 52min rpe 4`).
public struct LoggedSession: Sendable, Hashable, Codable {
    public var minutes: Double?
    public var km: Double?
    public var rpe: Double?
    /// Whether it was a run; runs count for the single-session spike rule.
    public var isRun: Bool

    public init(minutes: Double? = nil, km: Double? = nil, rpe: Double? = nil, isRun: Bool = true) {
        self.minutes = minutes
        self.km = km
        self.rpe = rpe
        self.isRun = isRun
    }

    /// Session-RPE load (Foster): RPE × minutes; zero when either is unknown.
    public var load: Double { (rpe ?? 0) * (minutes ?? 0) }
}

/// Everything known about one athlete on one day: the input unit of the readiness rules and the
/// unit the store loads history in.
public struct DailyRecord: Sendable, Hashable {
    public var day: Day
    public var metrics: Metrics
    public var soreness: [Soreness]
    public var pain: [Pain]
    public var illness: [Illness]
    public var sessions: [LoggedSession]
    /// The decision the bot (or a coach override) settled on that day, if any; the return-to-running
    /// progression reads it.
    public var decision: Decision?

    public init(
        day: Day, metrics: Metrics = Metrics(), soreness: [Soreness] = [], pain: [Pain] = [],
        illness: [Illness] = [], sessions: [LoggedSession] = [], decision: Decision? = nil
    ) {
        self.day = day
        self.metrics = metrics
        self.soreness = soreness
        self.pain = pain
        self.illness = illness
        self.sessions = sessions
        self.decision = decision
    }

    /// True when the day has a check-in's facts (not only sessions or a decision).
    public var hasCheckinFacts: Bool {
        !metrics.isEmpty || !soreness.isEmpty || !pain.isEmpty || !illness.isEmpty
    }
}
