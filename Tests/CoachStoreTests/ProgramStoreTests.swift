import CoachCore
import Testing
import TrainingEngine
@testable import CoachStore

@Suite struct ProgramStoreTests {
    /// Confirming writes one row a day from the start to race day, double days merged into one
    /// row, and replaces the plan that was in the window; the plan outside it stays.
    @Test func activateWritesOneRowADayInTheWindow() throws {
        let dir = TempDir()
        let (store, _, alice, _) = try Fixture.team(dir)
        let today = Day(year: 2026, month: 11, day: 23)
        let r = ProgramRequest(distance: .half, raceDay: Day(year: 2027, month: 3, day: 7), today: today, method: .norwegian, peakKm: 80, currentWeeklyKm: 70)
        let p = ProgramGenerator.generate(r)
        try store.write { db in
            try db.setPlan(athlete: alice, day: r.start.adding(days: 3), workout: WorkoutSpec(type: .hills, minutes: 10), source: .command)
            try db.setPlan(athlete: alice, day: r.raceDay.adding(days: 1), workout: WorkoutSpec(type: .easy, minutes: 30), source: .command)
            let id = try db.savePreview(athlete: alice, r)
            let stored = try #require(try db.program(athlete: alice, statuses: ["preview"]))
            #expect(stored.id == id && stored.request == r)
            try db.activate(stored, sessions: p.sessions)
            #expect(try db.program(athlete: alice, statuses: ["active"])?.id == id)
            let rows = try db.plans(athlete: alice, from: r.start, to: r.raceDay)
            #expect(Set(rows.map(\.day)).count == r.raceDay.ordinal - r.start.ordinal + 1)
            #expect(rows.last?.workout.type == .race)
            // Double days: an AM and a PM row; the day reads as one workout "AM … / PM …".
            let tuesday = rows.filter { $0.day == r.start.adding(days: 1) }
            #expect(tuesday.map(\.slot) == ["AM", "PM"])
            #expect(tuesday.allSatisfy { $0.workout.type == .threshold && $0.workout.target?.hasPrefix("z3") == true })
            #expect(rows.filter { $0.slot != nil }.count == p.sessions.filter { $0.slot != nil }.count)
            let day = try #require(try db.plan(athlete: alice, day: r.start.adding(days: 1)))
            #expect(day.description?.hasPrefix("AM double threshold, morning") == true)
            #expect(day.description?.contains(" / PM double threshold, afternoon") == true)
            #expect(day.km == tuesday.compactMap(\.workout.km).reduce(0, +))
            // A coach's whole-day plan replaces the double day, and a slot replaces a whole day.
            try db.setPlan(athlete: alice, day: r.start.adding(days: 8), workout: WorkoutSpec(type: .easy, minutes: 30), source: .command)
            #expect(try db.plans(athlete: alice, from: r.start.adding(days: 8), to: r.start.adding(days: 8)).map(\.slot) == [nil])
            try db.setPlan(athlete: alice, day: r.start.adding(days: 8), workout: WorkoutSpec(type: .threshold, minutes: 30), source: .command, slot: "PM")
            #expect(try db.plans(athlete: alice, from: r.start.adding(days: 8), to: r.start.adding(days: 8)).map(\.slot) == ["PM"])
            #expect(rows.first { $0.day == r.start.adding(days: 3) }?.workout.minutes != 10)
            #expect(try db.plan(athlete: alice, day: r.raceDay.adding(days: 1))?.minutes == 30)
            // Paused: runs after the pause day are cross-training, the plan row is untouched.
            #expect(try db.pauseProgram(athlete: alice, day: r.start))
            #expect(try db.effectivePlan(athlete: alice, day: r.start.adding(days: 1))?.type == .cross)
            #expect(try db.plan(athlete: alice, day: r.start.adding(days: 1))?.type == .threshold)
            #expect(try !db.pauseProgram(athlete: alice, day: r.start))
        }
    }

    @Test func weeklyKmIsTheLast28DaysOver4() throws {
        let dir = TempDir()
        let (store, _, alice, _) = try Fixture.team(dir)
        let today = Day(year: 2026, month: 11, day: 23)
        try store.write { db in
            try db.addRace(athlete: alice, RaceEntry(day: Day(year: 2027, month: 2, day: 14), distance: .k10, priority: "a"))
            #expect(try db.races(athlete: alice) == [RaceEntry(day: Day(year: 2027, month: 2, day: 14), distance: .k10, priority: "A")])
            #expect(try db.weeklyRunningKm(athlete: alice, today: today) == 0)
        }
    }
}
