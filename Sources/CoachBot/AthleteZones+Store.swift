import CoachCore
import CoachStore
import Conversation
import TrainingEngine

extension AthleteZones {
    /// The zones every workout of `athlete` is written in on `day`: from the latest running test
    /// on or before that day (workouts are runs), else the latest test of any sport; nil without
    /// a test, so that targets stay words.
    static func latest(_ db: StoreDatabase, athlete: PersonID, on day: Day) throws -> AthleteZones? {
        let tests = try db.lactateTests(athlete: athlete).filter { $0.day <= day }
        guard let test = tests.last(where: { $0.test.sport == .run }) ?? tests.last else { return nil }
        return AthleteZones(LactateAnalyzer.analyzeCurve(test.test))
    }
}
