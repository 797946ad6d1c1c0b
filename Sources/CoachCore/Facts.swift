/// A score on the scale the athlete used: `4/5` stays `{4, 5}` and `7/10` stays `{7, 10}`, so no
/// precision is invented and the rules can normalise when they need to.
public struct Score: Sendable, Hashable, Codable {
    public var value: Double
    public var outOf: Int

    public init(value: Double, outOf: Int) {
        self.value = value
        self.outOf = outOf
    }

    /// The score mapped onto 1...5, which is the scale the rules think in.
    public var onFivePointScale: Double {
        outOf == 5 ? value : 1 + (value - 1) * 4 / Double(max(outOf - 1, 1))
    }

    enum CodingKeys: String, CodingKey {
        case value
        case outOf = "out_of"
    }
}

/// Morning metrics. Every field is optional: athletes send what they measured.
public struct Metrics: Sendable, Hashable, Codable {
    public var hrvMs: Double?
    public var rhrBpm: Double?
    public var sleepHours: Double?
    public var sleepQuality: Score?
    public var fatigue: Score?
    public var stress: Score?
    public var mood: Score?
    public var motivation: Score?
    public var temperatureC: Double?

    public init(
        hrvMs: Double? = nil, rhrBpm: Double? = nil, sleepHours: Double? = nil,
        sleepQuality: Score? = nil, fatigue: Score? = nil, stress: Score? = nil,
        mood: Score? = nil, motivation: Score? = nil, temperatureC: Double? = nil
    ) {
        self.hrvMs = hrvMs
        self.rhrBpm = rhrBpm
        self.sleepHours = sleepHours
        self.sleepQuality = sleepQuality
        self.fatigue = fatigue
        self.stress = stress
        self.mood = mood
        self.motivation = motivation
        self.temperatureC = temperatureC
    }

    public var isEmpty: Bool { self == Metrics() }

    enum CodingKeys: String, CodingKey {
        case hrvMs = "hrv_ms"
        case rhrBpm = "rhr_bpm"
        case sleepHours = "sleep_hours"
        case sleepQuality = "sleep_quality"
        case fatigue, stress, mood, motivation
        case temperatureC = "temperature_c"
    }
}

/// Where it hurts or is sore. The raw values are the spec's location codes.
public enum BodyLocation: String, Sendable, CaseIterable, Codable {
    case achilles, ankle, calf, foot
    case plantarFascia = "plantar_fascia"
    case heel, toe, shin, knee
    case itBand = "it_band"
    case hamstring, quadriceps, hip
    case hipFlexor = "hip_flexor"
    case groin, glute
    case lowerBack = "lower_back"
    case back, neck, shoulder, legs, general
}

public enum Side: String, Sendable, CaseIterable, Codable {
    case left, right, both
}

/// Ordinary training soreness: not an injury signal on its own.
public struct Soreness: Sendable, Hashable, Codable {
    public var location: BodyLocation
    public var side: Side?

    public init(location: BodyLocation, side: Side? = nil) {
        self.location = location
        self.side = side
    }
}

/// Signs that send an athlete to a physio or doctor whatever the score.
public enum PainRedFlag: String, Sendable, CaseIterable, Codable {
    case bony
    case night
    case hopping
}

/// Pain: a possible injury signal, with what the pain-monitoring rules need.
public struct Pain: Sendable, Hashable, Codable {
    public var location: BodyLocation
    public var side: Side?
    /// 0...10, nil when the athlete gave no number.
    public var score: Double?
    public var gaitAffected: Bool
    /// Bony, night or hopping pain. Not in the spec's JSON example; emitted only when present.
    public var redFlags: [PainRedFlag]

    public init(
        location: BodyLocation, side: Side? = nil, score: Double? = nil, gaitAffected: Bool = false,
        redFlags: [PainRedFlag] = []
    ) {
        self.location = location
        self.side = side
        self.score = score
        self.gaitAffected = gaitAffected
        self.redFlags = redFlags
    }

    enum CodingKeys: String, CodingKey {
        case location, side, score
        case gaitAffected = "gait_affected"
        case redFlags = "red_flags"
    }
}

/// Illness codes, used by the "neck check".
public enum Illness: String, Sendable, CaseIterable, Codable {
    case fever
    case soreThroat = "sore_throat"
    case congestion, cough, chest, stomach, headache
    case bodyAches = "body_aches"
    case sick
    /// Flu, influenza, covid: below the neck.
    case flu

    /// Symptoms below the neck (and fever) mean rest; above the neck only means easy and short.
    public var isBelowNeck: Bool {
        switch self {
        case .fever, .chest, .stomach, .bodyAches, .flu: return true
        case .soreThroat, .congestion, .cough, .headache, .sick: return false
        }
    }
}

/// How a session was done. The raw values are the spec's `workout.modality` codes.
public enum Modality: String, Sendable, CaseIterable, Codable {
    case run, bike, swim
    case poolRun = "pool_run"
    case elliptical, strength, walk, other
}

/// A logged session.
public struct WorkoutLog: Sendable, Hashable {
    public var minutes: Double?
    public var km: Double?
    /// Rate of perceived exertion, 1...10.
    public var rpe: Double?
    /// The day the session was done, as said: `yesterday`, a weekday (`saturday`) or an ISO date;
    /// nil is today. The bot resolves it against its clock.
    public var day: String?
    public var modality: Modality?
    /// "skipped today's run": logged as not done.
    public var skipped: Bool
    /// Repetitions of an interval session (`6x3min`, `5x1k`), with the length of one.
    public var reps: Int?
    public var repMinutes: Double?
    public var repKm: Double?
    /// The session's average heart rate: never the resting HR.
    public var hrAvg: Double?

    public init(
        minutes: Double? = nil, km: Double? = nil, rpe: Double? = nil, day: String? = nil, modality: Modality? = nil,
        skipped: Bool = false, reps: Int? = nil, repMinutes: Double? = nil, repKm: Double? = nil, hrAvg: Double? = nil
    ) {
        self.minutes = minutes
        self.km = km
        self.rpe = rpe
        self.day = day
        self.modality = modality
        self.skipped = skipped
        self.reps = reps
        self.repMinutes = repMinutes
        self.repKm = repKm
        self.hrAvg = hrAvg
    }

    /// Nothing that says a session was done (or skipped): a day or a modality alone is not a log.
    public var isEmpty: Bool { minutes == nil && km == nil && rpe == nil && !skipped && reps == nil && hrAvg == nil }
}
