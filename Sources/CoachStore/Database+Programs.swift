import CoachCore
import GRDB
import TrainingEngine

/// A stored program: the request it was generated from and where it stands.
public struct StoredProgram: Sendable, Equatable {
    public var id: Int64
    public var athleteID: PersonID
    public var request: ProgramRequest
    /// preview, active, paused, cancelled, replaced.
    public var status: String
    public var pausedOn: Day?
}

extension Database {
    /// Adds (or re-prioritises) a race on the athlete's calendar.
    public func addRace(athlete: PersonID, _ race: RaceEntry) throws {
        try cachedStatement(sql: """
            INSERT INTO races (athlete_id, day, distance, priority) VALUES (?, ?, ?, ?)
            ON CONFLICT(athlete_id, day, distance) DO UPDATE SET priority = excluded.priority
            """).execute(arguments: [athlete, race.day.ordinal, race.distance.description, race.priority.uppercased()])
    }

    /// The athlete's races by date.
    public func races(athlete: PersonID) throws -> [RaceEntry] {
        try Row.fetchAll(cachedStatement(sql: "SELECT day, distance, priority FROM races WHERE athlete_id = ? ORDER BY day"), arguments: [athlete])
            .compactMap { r in RaceDistance(word: r[1]).map { RaceEntry(day: Day(ordinal: r[0]), distance: $0, priority: r[2]) } }
    }

    /// Saves a preview, replacing any earlier preview of the athlete (only the last one can be confirmed).
    @discardableResult
    public func savePreview(athlete: PersonID, _ r: ProgramRequest) throws -> Int64 {
        try cachedStatement(sql: "UPDATE programs SET status = 'replaced' WHERE athlete_id = ? AND status = 'preview'").execute(arguments: [athlete])
        try cachedStatement(sql: """
            INSERT INTO programs (athlete_id, distance, race_day, method, peak_km, current_km, made_on, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'preview')
            """).execute(arguments: [athlete, r.distance.description, r.raceDay.ordinal, r.method.rawValue, r.peakKm, r.currentWeeklyKm, r.today.ordinal])
        return lastInsertedRowID
    }

    /// The athlete's latest program with one of `statuses`.
    public func program(athlete: PersonID, statuses: [String]) throws -> StoredProgram? {
        let marks = statuses.map { _ in "?" }.joined(separator: ",")
        var args: [any DatabaseValueConvertible] = [athlete]
        args += statuses
        guard let r = try Row.fetchOne(cachedStatement(sql: """
            SELECT id, distance, race_day, method, peak_km, current_km, made_on, status, paused_on FROM programs
            WHERE athlete_id = ? AND status IN (\(marks)) ORDER BY id DESC LIMIT 1
            """), arguments: StatementArguments(args)),
            let distance = RaceDistance(word: r[1]), let method = Methodology(rawValue: r[3]) else { return nil }
        let request = ProgramRequest(distance: distance, raceDay: Day(ordinal: r[2]), today: Day(ordinal: r[6]), method: method,
                                     peakKm: r[4], currentWeeklyKm: r[5])
        return StoredProgram(id: r[0], athleteID: athlete, request: request, status: r[7], pausedOn: (r[8] as Int?).map(Day.init(ordinal:)))
    }

    public func setProgramStatus(id: Int64, _ status: String, pausedOn: Day? = nil) throws {
        try cachedStatement(sql: "UPDATE programs SET status = ?, paused_on = ? WHERE id = ?").execute(arguments: [status, pausedOn?.ordinal, id])
    }

    /// Confirms a preview: earlier active or paused programs are replaced, the future plan in the
    /// program's window is cleared and the program's rows written (AM and PM sessions in their
    /// slots). Run inside one `write`.
    public func activate(_ stored: StoredProgram, sessions: [PlannedSession]) throws {
        try cachedStatement(sql: "UPDATE programs SET status = 'replaced' WHERE athlete_id = ? AND status IN ('active','paused')").execute(arguments: [stored.athleteID])
        let r = stored.request
        try execute(sql: "DELETE FROM planned_workouts WHERE athlete_id = ? AND day BETWEEN ? AND ?",
                    arguments: [stored.athleteID, r.start.ordinal, r.raceDay.ordinal])
        // One row per day and slot: AM and PM sessions get their own rows; a day's other
        // sessions (a run and strength) share the whole-day row, or the AM row on a double day.
        for (day, rows) in Dictionary(grouping: sessions, by: \.day) {
            let slotted = rows.contains { $0.slot != nil }
            for slot in slotted ? ["AM", "PM"] : [nil] as [String?] {
                let mine = rows.filter { $0.slot == slot || (slot == "AM" && $0.slot == nil) }
                guard !mine.isEmpty else { continue }
                try setPlan(athlete: stored.athleteID, day: day, workout: Self.merge(mine.map { var r = $0; r.slot = nil; return r }), source: .command, slot: slot)
            }
        }
        try setProgramStatus(id: stored.id, "active")
    }

    /// One plan row from sessions sharing it (a run and strength): the run's type, summed km and
    /// running minutes, the sessions' descriptions joined with " / ".
    static func merge(_ rows: [PlannedSession]) -> WorkoutSpec {
        guard rows.count > 1 else { return rows.first?.workout ?? WorkoutSpec(type: .rest) }
        let main = rows.first { $0.workout.type.isRun } ?? rows[0]
        var w = main.workout
        let km = rows.compactMap(\.workout.km).reduce(0, +)
        w.km = km > 0 ? km : nil
        // The day's running minutes: strength next to a run does not make the run look longer
        // to the readiness rules (it stays in the description).
        let runs = rows.filter { $0.workout.type.isRun }
        w.minutes = (runs.isEmpty ? rows : runs).compactMap(\.workout.minutes).reduce(0, +)
        w.description = rows.map { r in [r.slot, r.workout.description].compactMap { $0 }.joined(separator: " ") + (r.workout.km.map { " \(LactateNumber.text($0, decimals: 1)) km" } ?? "") }
            .joined(separator: " / ")
        return w
    }
}

extension Database {
    /// Spec §3: average weekly running km over the last 28 days of logged runs. The 28 days end
    /// today once today has a run logged, else yesterday (as the progress ACWR does), so a morning
    /// question does not count an unfinished day as a day without running.
    public func weeklyRunningKm(athlete: PersonID, today: Day) throws -> Double {
        let records = try history(athlete: athlete, from: today.adding(days: -28), to: today)
        let ranToday = records.contains { $0.day == today && $0.sessions.contains(where: \.isRun) }
        let last = ranToday ? today : today.adding(days: -1)
        let km = records.filter { $0.day <= last && $0.day.ordinal > last.ordinal - 28 }
            .flatMap(\.sessions).filter(\.isRun).compactMap(\.km).reduce(0, +)
        return km / 4
    }
}

extension Database {
    /// The day's plan as the athlete should see it: while a program is paused (spec §6), from the
    /// day after the pause to race day a planned run is the rules' alternative (cross-training
    /// for the same time). The plan row itself is untouched, so `resume` needs no rewrite.
    public func effectivePlan(athlete: PersonID, day: Day) throws -> WorkoutSpec? {
        let planned = try plan(athlete: athlete, day: day)
        guard let paused = try program(athlete: athlete, statuses: ["paused"]), let on = paused.pausedOn,
              day > on, day <= paused.request.raceDay else { return planned }
        return ProgramPause.substitute(planned)
    }

    /// Pauses the athlete's active program on `day`; true when there was one to pause.
    public func pauseProgram(athlete: PersonID, day: Day) throws -> Bool {
        guard let active = try program(athlete: athlete, statuses: ["active"]) else { return false }
        try setProgramStatus(id: active.id, "paused", pausedOn: day)
        return true
    }
}
