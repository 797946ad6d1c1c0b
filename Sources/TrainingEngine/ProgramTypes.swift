import CoachCore

/// A race distance as the coach writes it (spec §3): `5k`, `10k`, `half`, `marathon`, or km.
public enum RaceDistance: Sendable, Equatable, Hashable, CustomStringConvertible {
    case k5, k10, half, marathon
    case km(Double)

    /// `5k`, `10k`, `half`/`halvmaraton`, `marathon`/`maraton`, `15km`, `15`; nil otherwise.
    public init?(word: String) {
        let w = word.lowercased()
        switch w {
        case "5k", "5km": self = .k5
        case "10k", "10km": self = .k10
        case "half", "halfmarathon", "halvmaraton", "halvmara", "21k": self = .half
        case "marathon", "maraton", "42k": self = .marathon
        default:
            let digits = w.hasSuffix("km") ? String(w.dropLast(2)) : w
            guard let v = Double(digits.replacingComma()), v > 0, v <= 400 else { return nil }
            self = .km(v)
        }
    }

    public var km: Double {
        switch self {
        case .k5: 5
        case .k10: 10
        case .half: 21.0975
        case .marathon: 42.195
        case .km(let v): v
        }
    }

    /// Spec §5: two taper weeks for half and marathon (and anything as long), one for 5k and 10k.
    public var taperWeeks: Int { km >= 21 ? 2 : 1 }

    public var description: String {
        switch self {
        case .k5: "5k"
        case .k10: "10k"
        case .half: "half"
        case .marathon: "marathon"
        case .km(let v): "\(Figure.km(v))km"
        }
    }
}

extension String {
    func replacingComma() -> String { String(map { $0 == "," ? "." : $0 }) }
}

/// The training philosophies of spec §5.
public enum Methodology: String, Sendable, Equatable, CaseIterable, Codable {
    case polarized, pyramidal, norwegian, canova
}

public enum ProgramPhase: String, Sendable, Equatable, Codable, CaseIterable {
    case base, build, peak, taper
}

/// One plan row: a day, the session, and "AM"/"PM" for the Norwegian double-threshold days.
public struct PlannedSession: Sendable, Equatable {
    public var day: Day
    public var slot: String?
    public var workout: WorkoutSpec
    public var zone: Int?
}

/// One week of a program.
public struct ProgramWeek: Sendable, Equatable {
    public var number: Int
    public var start: Day
    public var phase: ProgramPhase
    /// The week's target running km (a partial race week keeps its full-week target).
    public var volumeKm: Double
    public var deload: Bool
    public var sessions: [PlannedSession]

    /// Planned running km of the week's sessions, the race excluded.
    public var plannedKm: Double {
        sessions.filter { $0.workout.type.isRun && $0.workout.type != .race }.reduce(0) { $0 + ($1.workout.km ?? 0) }
    }
}

/// What `program NAME DISTANCE DATE [METHOD] [PEAK km]` asks for, with today and the athlete's
/// current weekly km supplied by the caller.
public struct ProgramRequest: Sendable, Equatable {
    public var distance: RaceDistance
    public var raceDay: Day
    public var today: Day
    public var method: Methodology
    /// Nil: 1.2 × the current weekly volume (spec §5).
    public var peakKm: Double?
    public var currentWeeklyKm: Double

    public init(distance: RaceDistance, raceDay: Day, today: Day, method: Methodology = .polarized, peakKm: Double? = nil, currentWeeklyKm: Double) {
        self.distance = distance; self.raceDay = raceDay; self.today = today; self.method = method
        self.peakKm = peakKm; self.currentWeeklyKm = currentWeeklyKm
    }

    /// The program starts next Monday (the Monday after today, never today).
    public var start: Day {
        let ahead = 7 - today.weekday
        return today.adding(days: ahead)
    }

    /// Whole or partial weeks from the start to race day; 0 when race day is before the start.
    public var weekCount: Int {
        let days = raceDay.ordinal - start.ordinal + 1
        return days <= 0 ? 0 : (days + 6) / 7
    }

    /// The peak weekly volume aimed at.
    public var targetPeakKm: Double { peakKm ?? 1.2 * currentWeeklyKm }
}
