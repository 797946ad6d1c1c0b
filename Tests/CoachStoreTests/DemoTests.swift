import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite struct DemoTests {
    @Test func demoTeamIsDeterministicAndRealistic() {
        let a = DemoTeam.make(today: Fixture.today)
        let b = DemoTeam.make(today: Fixture.today)
        #expect(a.athletes.map(\.history) == b.athletes.map(\.history))
        #expect(a.coach.handle == "bob" && a.coach.displayName == "Bob Lind")
        #expect(a.athletes.map(\.member.handle) == ["alice", "erik", "maja"])
        #expect(a.athletes.map(\.member.displayName) == ["Alice Berg", "Erik Sund", "Maja Ek"])
        for athlete in a.athletes {
            #expect(athlete.history.count == 60)
            #expect(athlete.history.first?.day == Fixture.today.adding(days: -60))
            #expect(athlete.plan.count == 28)
            #expect(athlete.plan.first?.day == Fixture.today)
            let hrv = athlete.history.compactMap(\.metrics.hrvMs)
            let mean = hrv.reduce(0, +) / Double(hrv.count)
            #expect((45...68).contains(mean))
            #expect(Set(hrv).count > 20)  // day-to-day noise
            #expect(athlete.history.compactMap(\.metrics.sleepHours).allSatisfy { (6.5...8.5).contains($0) })
            #expect(athlete.history.contains { !$0.sessions.isEmpty })
        }
        #expect(Set(a.athletes[0].plan.map(\.workout.type)).isSuperset(of: [.easy, .intervals, .threshold, .rest, .long, .recovery]))
    }

    @Test func seedDemoIsIdempotent() throws {
        let dir = TempDir()
        let store = try CoachStore(path: dir.path("demo.sqlite"))
        let first = try store.seedDemo(today: Fixture.today)
        #expect(first.people == 4)
        #expect(first.checkins > 100)
        #expect(first.plans == 84)
        let dump = try store.dump()
        let second = try store.seedDemo(today: Fixture.today)
        #expect(second == DemoSeedSummary())
        #expect(try store.dump() == dump)
        let alice = try #require(try store.read { try $0.findPerson(handle: "alice") })
        let history = try store.history(athlete: alice.id, from: Fixture.today.adding(days: -60), to: Fixture.today)
        #expect(history.count >= 50)
        #expect(history.contains { $0.metrics.hrvMs != nil && !$0.sessions.isEmpty })
        #expect(try store.read { try $0.findPerson(Identity(network: "console", address: "bob")) }?.role == .coach)
    }
}
