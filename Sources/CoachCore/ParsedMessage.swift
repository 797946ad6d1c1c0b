/// What the parser makes of one chat message: one intent with typed slots.
///
/// The JSON form (`ParsedMessage.json`) is the stable contract of `coachbot parse --json`.
public struct ParsedMessage: Sendable, Hashable {
    public var intent: Intent
    public var language: Language?
    public var metrics: Metrics
    public var soreness: [Soreness]
    public var pain: [Pain]
    public var illness: [Illness]
    public var workout: WorkoutLog?
    /// Athlete handle named by a coach command (`override alice …`).
    public var athlete: String?
    /// Workout named by `override` or `plan`.
    public var prescribed: WorkoutSpec?
    /// Date named by `plan NAME DATE …`: `today`, `+Nd` or ISO, kept as written.
    public var date: String?
    /// Which day `today` asks about: today, tomorrow or week.
    public var day: String?
    /// Free text of a `note`.
    public var noteText: String?
    /// The original text, kept for `unknown` so the bot can answer with help.
    public var text: String?
    /// Words the parser did not use.
    public var unparsed: String?
    /// False when a logged session was not a run ("swam", "cykel"): only runs count for the
    /// running-load spike rule. Not part of the JSON.
    public var workoutIsRun = true
    /// `move alice's intervals to tomorrow`: today's planned workout moves to `day` (an
    /// `override` that carries no workout of its own).
    public var movesPlanned = false
    /// Facts the athlete said are not (or no longer) there: "no pain", "knee pain gone", "ingen
    /// feber". A correction later the same day removes them.
    public var denied: [Denial] = []

    public init(
        intent: Intent, language: Language? = nil, metrics: Metrics = Metrics(), soreness: [Soreness] = [],
        pain: [Pain] = [], illness: [Illness] = [], workout: WorkoutLog? = nil, athlete: String? = nil,
        prescribed: WorkoutSpec? = nil, date: String? = nil, day: String? = nil, noteText: String? = nil,
        text: String? = nil, unparsed: String? = nil
    ) {
        self.intent = intent
        self.language = language
        self.metrics = metrics
        self.soreness = soreness
        self.pain = pain
        self.illness = illness
        self.workout = workout
        self.athlete = athlete
        self.prescribed = prescribed
        self.date = date
        self.day = day
        self.noteText = noteText
        self.text = text
        self.unparsed = unparsed
    }

    /// A fact the athlete denied. A nil location means all of that kind ("no pain").
    public enum Denial: Sendable, Hashable {
        case pain(BodyLocation?)
        case soreness(BodyLocation?)
        case illness(Illness)

        public var code: String {
            switch self {
            case .pain(let l): return "pain" + (l.map { ":" + $0.rawValue } ?? "")
            case .soreness(let l): return "soreness" + (l.map { ":" + $0.rawValue } ?? "")
            case .illness(let i): return "illness:" + i.rawValue
            }
        }
    }

    /// True when the message carries anything the readiness rules use.
    public var hasCheckinFacts: Bool {
        !metrics.isEmpty || !soreness.isEmpty || !pain.isEmpty || !illness.isEmpty
    }
}
