import CoachCore

/// Metric keywords the binder attaches values to.
public enum MetricKind: String, Sendable, CaseIterable {
    case hrv, rhr, sleep
    case sleepQuality = "sleep_quality"
    case fatigue, stress, mood, motivation, temperature
}

/// Units that follow a number ("52ms", "7 hrs", "10k", "100.8F").
public enum Unit: String, Sendable, CaseIterable {
    case hours, minutes, seconds, km, miles, ms, bpm, celsius, fahrenheit
    /// The Scandinavian mile, 10 km ("sprang en mil").
    case mil
}

/// Which day a `today` request asks about.
public enum DayWord: String, Sendable {
    case today, tomorrow, week
}

/// What a word or phrase of the vocabulary means. One phrase can carry several tags ("fever" is
/// both a temperature keyword and an illness); context picks the one that applies.
public enum Tag: Sendable, Hashable {
    case metric(MetricKind)
    /// Quality word on the 5-point scale (5 = best).
    case scale(Int)
    /// Level word (low 2 ... very high 5).
    case level(Int)
    /// A word that sets a metric by itself ("tired" = fatigue 4).
    case wellness(MetricKind, Int)
    case sore
    case pain
    case ache
    case gait
    case redFlag(PainRedFlag)
    case location(BodyLocation)
    case side(Side)
    case illness(Illness)
    case negation
    /// "but", "men": ends a clause.
    case clauseBreak
    case postNegation
    case unit(Unit)
    case filler
    case number(Double)
    case half
    /// "an hour": one of the unit after it.
    case article
    /// "outside of the knee" is the IT band.
    case outside
    case outOf
    case logVerb
    case rpe
    case nonRun
    case workoutType(WorkoutType)
    case day(DayWord)
    case status
    case help
    case undo
    /// First word of a coach command.
    case coach(Intent)
    /// Greetings, thanks, acknowledgements (`smalltalk.toml`).
    case smalltalk
    /// Opens a question about training ("can I", "kan jag") (`question.toml`).
    case question
    /// Opens words for the coach ("tell coach") (`message_coach.toml`).
    case messageCoach
    /// How a session was done: "bike", "swam", "pool running".
    case modality(Modality)
    /// "skipped", "missed": the session was not done.
    case skipped
    /// The session's heart rate: "avg hr", "snittpuls".
    case hrAvg
    /// A past day a session was done: "yesterday", "saturday", "i lördags" (English weekday names).
    case pastDay(String)
    /// Ordinary uses of symptom words: "sick of", "cold morning". They mean nothing.
    case notFact
    /// Someone else: "the kids were sick" is not the athlete's illness.
    case otherPerson
    /// The "x" of "6x3min".
    case times
}

extension Tag {
    var isRHR: Bool { if case .metric(.rhr) = self { return true } else { return false } }
}
