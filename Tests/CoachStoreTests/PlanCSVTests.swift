import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite struct PlanCSVTests {
    @Test func parsesQuotedFieldsAndOptionalColumns() throws {
        let text = "athlete,date,type,minutes,km,description,target\r\n"
            + "alice,2026-03-02,threshold,60,12.5,\"6x5min, 90s jog \"\"easy\"\"\",LT2\r\n"
            + "\n"
            + "Erik,2026-03-03,rest,,,,\n"
            + "alice,2026-03-04,long,100,,\"multi\nline\",\n"
            + "alice,2026-03-05,easy,45,8,,\n"
        let rows = try PlanCSV.parse(text)
        #expect(rows.count == 4)
        #expect(rows[0] == PlanRow(line: 2, athlete: "alice", day: Day(year: 2026, month: 3, day: 2),
                                   workout: WorkoutSpec(type: .threshold, minutes: 60, km: 12.5,
                                                        description: "6x5min, 90s jog \"easy\"", target: "LT2")))
        #expect(rows[1].line == 4)
        #expect(rows[1].workout == WorkoutSpec(type: .rest))
        #expect(rows[2].workout.description == "multi\nline")
        #expect(rows[3].line == 7)
    }

    @Test func optionalColumnsMayBeLeftOut() throws {
        let rows = try PlanCSV.parse("date,athlete,type\n2026-03-02,alice,easy\n")
        #expect(rows == [PlanRow(line: 2, athlete: "alice", day: Day(year: 2026, month: 3, day: 2), workout: WorkoutSpec(type: .easy))])
    }

    @Test func badRowsNameTheirLine() throws {
        let text = """
        athlete,date,type,minutes,km,description,target
        alice,2026-03-02,easy,45,,,
        alice,2026-03-03,easy,45,,,
        alice,2026-03-04,easy,45,,,
        alice,2026-03-05,easy,45,,,
        alice,2026-03-06,easy,45,,,
        alice,2026-03-07,thresold,60,,,
        alice,2026-02-30,easy,45,,,
        alice,2026-03-09,easy,forty,,,
        alice,2026-03-02,easy,45,,,
        """
        #expect {
            try PlanCSV.parse(text)
        } throws: { error in
            let message = "\(error)"
            return message.contains("line 7: unknown workout type 'thresold' (expected one of: rest, easy, recovery,")
                && message.contains("line 8: invalid date '2026-02-30'")
                && message.contains("line 9: invalid minutes 'forty'")
                && message.contains("line 10: alice already has a workout on 2026-03-02 (line 2)")
        }
        #expect(throws: StoreError.self) { try PlanCSV.parse("name,date\nalice,2026-03-02\n") }
        #expect(throws: StoreError.self) { try PlanCSV.parse("") }
        #expect(throws: StoreError.self) { try PlanCSV.parse("athlete,date,type\nalice,2026-03-02,\"easy\n") }
    }

    @Test func importIsAllOrNothing() throws {
        let dir = TempDir()
        let (store, _, alice, _) = try Fixture.team(dir)
        let bad = """
        athlete,date,type,minutes
        alice,2026-03-02,easy,45
        zed,2026-03-03,easy,45
        bob,2026-03-04,easy,45
        zed,2026-03-05,easy,45
        """
        #expect {
            try store.importPlan(csv: bad)
        } throws: { error in
            let m = "\(error)"
            return m.contains("line 3: unknown athlete 'zed'") && m.contains("line 4: 'bob' is a coach, not an athlete")
                && m.contains("line 5: unknown athlete 'zed'") && m.contains("nothing was changed")
        }
        #expect(try store.read { try $0.plans(athlete: alice, from: Fixture.today, to: Fixture.today.adding(days: 10)) }.isEmpty)

        // Malformed lines and unknown athletes are listed together, every one (issue 15).
        let mixed = """
        athlete,date,type,minutes
        alice,2026-03-02,sprint,45
        zed,2026-03-03,easy,45
        alice,2026-13-40,easy,45
        """
        #expect {
            try store.importPlan(csv: mixed)
        } throws: { error in
            let m = "\(error)"
            return m.contains("line 2:") && m.contains("line 3: unknown athlete 'zed'") && m.contains("line 4:")
        }

        let good = "athlete,date,type,minutes,km,description,target\nalice,2026-03-02,easy,45,8,,\nALICE,2026-03-03,intervals,60,,\"6x3min\",VO2\n"
        #expect(try store.importPlan(csv: good) == 2)
        let plans = try store.read { try $0.plans(athlete: alice, from: Fixture.today, to: Fixture.today.adding(days: 10)) }
        #expect(plans.map(\.workout.type) == [.easy, .intervals])
        #expect(plans.allSatisfy { $0.source == .import })
        // Re-import replaces, not duplicates.
        #expect(try store.importPlan(csv: good) == 2)
        #expect(try store.read { try $0.plans(athlete: alice, from: Fixture.today, to: Fixture.today.adding(days: 10)) }.count == 2)
    }
}
