/// What a chat message asks for. The raw values are the spec's intent names, which scripts and
/// evaluations depend on, so they never change.
public enum Intent: String, Sendable, CaseIterable, Codable {
    case checkin
    case workoutLog = "workout_log"
    case today
    case status
    case help
    case undo
    case override
    case approve
    case keep
    case team
    case missing
    case planSet = "plan_set"
    case trendOf = "trend_of"
    case note
    /// A lactate step test entered in chat (training engine); athletes and coaches.
    case lactateTest = "lactate_test"
    /// `zones [NAME]`: the latest test's zones.
    case zones
    /// `tests [NAME]`: the tests with LT2 over time.
    case tests
    /// `exercises [CATEGORY]`: the exercise library.
    case exercises
    /// `exercise NAME`: one exercise, in the asker's language.
    case exercise
    /// `progress [NAME]`: the last four weeks.
    case progress
    /// `profile NAME [key=value …]`: the athlete's profile facts (programs, issue 10).
    case profile
    /// `race NAME DATE DISTANCE [A|B|C]`: a race on the athlete's calendar.
    case race
    /// `races NAME`: the athlete's races.
    case races
    /// `norwegian NAME`: Norwegian-method eligibility and the transition plan.
    case norwegian
    /// `program NAME …`: preview, `confirm`, show, `cancel`.
    case program
    /// `resume NAME`: continue a program paused for injury.
    case resume
    /// A coach asks for the notes on an athlete's record.
    case notes
    /// A coach's message to an athlete (`tell alice great job`).
    case tell
    /// Greetings, thanks, an emoji alone: answered briefly, never with "I didn't understand".
    case smalltalk
    /// Whether or how to train ("can I still do intervals?"): answered from today's decision.
    case question
    /// Words for the coach ("tell coach I'm sick"), relayed to the coaches' room.
    case messageCoach = "message_coach"
    case unknown

    /// Coach intents are refused for anyone who is not a coach.
    public var isCoachCommand: Bool {
        switch self {
        case .override, .approve, .keep, .team, .missing, .planSet, .trendOf, .note, .notes, .tell: return true
        default: return false
        }
    }
}

/// The languages the check-in language is written in.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en
    case sv
}
