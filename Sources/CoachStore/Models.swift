import CoachCore

/// Row id of a person (athlete, coach or admin).
public typealias PersonID = Int64

/// What a person may do: athletes check in, coaches run coach commands, admins run the bot.
public enum Role: String, Sendable, CaseIterable, Codable {
    case athlete, coach, admin
}

/// A member of the team, as stored in `people`.
public struct Person: Sendable, Hashable {
    public var id: PersonID
    /// Short lower-case name used in commands (`override alice …`).
    public var handle: String
    public var displayName: String
    public var role: Role
    /// Unix seconds.
    public var createdAt: Double

    public init(id: PersonID, handle: String, displayName: String, role: Role, createdAt: Double) {
        self.id = id
        self.handle = handle
        self.displayName = displayName
        self.role = role
        self.createdAt = createdAt
    }
}

/// How a person is addressed on a chat network (`matrix`, `@alice:example.org`).
public struct Identity: Sendable, Hashable {
    public var network: String
    public var address: String

    public init(network: String, address: String) {
        self.network = network
        self.address = address
    }
}

/// What a chat room is for: the bot answers differently in each.
public enum RoomKind: String, Sendable, CaseIterable, Codable {
    case athleteDirect = "athlete_direct"
    case coachDirect = "coach_direct"
    case coaches
    /// A former direct room that someone else joined: never used for health data again.
    case retired
}

/// A chat room the bot knows.
public struct Room: Sendable, Hashable {
    public var id: Int64
    public var network: String
    public var roomID: String
    public var kind: RoomKind
    public var personID: PersonID?
}

/// Result of saving a check-in: the row id and whether an earlier check-in that day was replaced.
public struct CheckinSaveResult: Sendable, Hashable {
    public var id: Int64
    /// True when a check-in for that athlete and day already existed and was replaced.
    public var isUpdate: Bool
    /// 1 for the first check-in of the day, incremented on every replacement.
    public var revision: Int
}

/// Where a planned workout came from.
public enum PlanSource: String, Sendable, CaseIterable, Codable {
    case command, `import`, seed
}

/// One planned workout of one athlete.
public struct PlannedWorkout: Sendable, Hashable {
    public var athleteID: PersonID
    public var day: Day
    public var workout: WorkoutSpec
    public var source: PlanSource
    /// "AM" or "PM" for a program's double-threshold day (migration v6); nil for a whole-day plan.
    public var slot: String?

    public init(athleteID: PersonID, day: Day, workout: WorkoutSpec, source: PlanSource, slot: String? = nil) {
        self.athleteID = athleteID
        self.day = day
        self.workout = workout
        self.source = source
        self.slot = slot
    }
}

/// The readiness engine's verdict for one athlete and day, kept for audit and the team view.
public struct Assessment: Sendable, Hashable {
    public var athleteID: PersonID
    public var day: Day
    public var checkinID: Int64?
    public var score: Int
    public var band: Band
    public var decision: Decision
    /// The explainable reasons, in the order the engine gave them.
    public var reasons: [String]
    /// The modified workout (the plan stays untouched in `planned_workouts`).
    public var workout: WorkoutSpec?
    public var ruleVersion: String
    /// Unix seconds.
    public var createdAt: Double

    public init(
        athleteID: PersonID, day: Day, checkinID: Int64? = nil, score: Int, band: Band, decision: Decision,
        reasons: [String], workout: WorkoutSpec?, ruleVersion: String, createdAt: Double
    ) {
        self.athleteID = athleteID
        self.day = day
        self.checkinID = checkinID
        self.score = score
        self.band = band
        self.decision = decision
        self.reasons = reasons
        self.workout = workout
        self.ruleVersion = ruleVersion
        self.createdAt = createdAt
    }
}

/// What a coach did about an athlete's day.
public enum OverrideKind: String, Sendable, CaseIterable, Codable {
    /// Replaced today's workout.
    case override
    /// Approved the bot's decision.
    case approve
    /// Restored the planned workout.
    case keep
}

/// A coach alert and whether someone answered it.
public struct Alert: Sendable, Hashable {
    public var id: Int64
    public var athleteID: PersonID
    public var day: Day
    public var at: Double
    public var kind: String
    public var reasons: [String]
    public var answeredBy: PersonID?
    public var answeredAt: Double?
}

/// A coach note on an athlete's record.
public struct CoachNote: Sendable, Hashable {
    public var athleteID: PersonID
    public var coachID: PersonID
    public var at: Double
    public var text: String
}

/// One line of the coach's `team` view.
public struct TeamRow: Sendable, Hashable {
    public var athlete: Person
    /// False when the athlete has no accepted check-in that day (`missing`).
    public var checkedIn: Bool
    public var score: Int?
    public var band: Band?
    /// The effective decision: the latest coach override if any, else the assessment's.
    public var decision: Decision?
}

/// A message waiting to be sent (or sent) to a chat room.
public struct OutboxMessage: Sendable, Hashable {
    public var id: Int64
    /// Idempotency key for the chat network: resending with the same id never duplicates.
    public var txnID: String
    public var roomID: String
    public var body: String
    public var html: String?
    public var replyTo: String?
    public var createdAt: Double
    public var sentAt: Double?
    public var attempts: Int
    public var lastError: String?
    /// The chat network that delivers it ("matrix", "irc", …).
    public var network: String
}
