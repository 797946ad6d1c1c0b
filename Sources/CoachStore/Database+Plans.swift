import CoachCore
import GRDB
import TrainingEngine

/// The training plan. Modifications never touch it: they live in `assessments.workout_json`.
extension Database {
    /// Sets (or replaces) the planned workout of one day, or of its AM or PM slot. A whole-day
    /// plan replaces a double day's sessions, and a slot replaces a whole-day plan, so a day is
    /// either one row or its AM/PM rows.
    public func setPlan(athlete: PersonID, day: Day, workout: WorkoutSpec, source: PlanSource, slot: String? = nil) throws {
        let slot = slot ?? ""
        try execute(sql: slot.isEmpty
                    ? "DELETE FROM planned_workouts WHERE athlete_id = ? AND day = ? AND slot <> ''"
                    : "DELETE FROM planned_workouts WHERE athlete_id = ? AND day = ? AND slot = ''",
                    arguments: [athlete, day.ordinal])
        try cachedStatement(sql: """
            INSERT INTO planned_workouts (athlete_id, day, slot, type, minutes, km, description, target, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(athlete_id, day, slot) DO UPDATE SET type = excluded.type, minutes = excluded.minutes,
                km = excluded.km, description = excluded.description, target = excluded.target, source = excluded.source
            """).execute(arguments: [athlete, day.ordinal, slot, workout.type.rawValue, workout.minutes, workout.km,
                                     workout.description, workout.target, source.rawValue])
    }

    /// The planned workout of one day, nil when nothing is planned. A double day (AM and PM rows)
    /// reads as one workout, "AM … / PM …", so the rules and every reply see the whole day.
    public func plan(athlete: PersonID, day: Day) throws -> WorkoutSpec? {
        let rows = try plans(athlete: athlete, from: day, to: day)
        guard rows.count > 1 else { return rows.first?.workout }
        return Self.mergeSlots(rows)
    }

    /// One workout from a day's AM and PM rows: the first run's type, summed km and minutes.
    static func mergeSlots(_ rows: [PlannedWorkout]) -> WorkoutSpec {
        var w = (rows.first { $0.workout.type.isRun } ?? rows[0]).workout
        let km = rows.compactMap(\.workout.km).reduce(0, +)
        w.km = km > 0 ? km : nil
        let minutes = rows.compactMap(\.workout.minutes).reduce(0, +)
        w.minutes = minutes > 0 ? minutes : nil
        w.description = rows.map { r in
            ([r.slot, r.workout.description].compactMap { $0 }.joined(separator: " ")) + (r.workout.km.map { " \(LactateNumber.text($0, decimals: 1)) km" } ?? "")
        }.joined(separator: " / ")
        // Each slot keeps its own target next to the shared zone token: "z3, AM lactate 2.0–3.0
        // mmol/L, PM lactate 2.5–3.5 mmol/L".
        let targets = rows.map { $0.workout.target ?? "" }
        if Set(targets).count > 1, let zone = targets.lazy.compactMap({ ZoneToken.zone(in: $0) }).first {
            let own = zip(rows, targets).compactMap { r, t -> String? in
                let rest = ZoneToken.removing(from: t)
                let trimmed = rest.hasPrefix(", ") ? String(rest.dropFirst(2)) : rest
                return trimmed.isEmpty ? nil : [r.slot, trimmed].compactMap { $0 }.joined(separator: " ")
            }
            w.target = (["z\(zone)"] + own).joined(separator: ", ")
        } else {
            w.target = targets.first { !$0.isEmpty }
        }
        return w
    }

    /// Planned workouts of `athlete` with `from <= day <= to`, by day (AM before PM).
    public func plans(athlete: PersonID, from: Day, to: Day) throws -> [PlannedWorkout] {
        let rows = try Row.fetchAll(cachedStatement(sql: """
            SELECT day, type, minutes, km, description, target, source, slot FROM planned_workouts
            WHERE athlete_id = ? AND day BETWEEN ? AND ? ORDER BY day, slot
            """), arguments: [athlete, from.ordinal, to.ordinal])
        return rows.compactMap { row in
            guard let type = WorkoutType(rawValue: row[1]), let source = PlanSource(rawValue: row[6]) else { return nil }
            let slot: String = row[7]
            return PlannedWorkout(
                athleteID: athlete, day: Day(ordinal: row[0]),
                workout: WorkoutSpec(type: type, minutes: row[2], km: row[3], description: row[4], target: row[5]),
                source: source, slot: slot.isEmpty ? nil : slot)
        }
    }

    /// Imports parsed CSV rows: every handle must be a known athlete, otherwise nothing is
    /// written and the error lists each bad line. Run it inside one `write` (all or nothing).
    /// Returns the number of rows written.
    @discardableResult
    public func importPlan(_ rows: [PlanRow], source: PlanSource = .import, problems earlier: [String] = []) throws -> Int {
        var ids: [String: PersonID] = [:]
        var roles: [String: Role?] = [:]  // handles that are not athletes: their role, or nil if unknown
        var problems: [String] = []
        for row in rows {
            let handle = row.athlete.lowercased()
            if ids[handle] == nil, roles[handle] == nil {
                let person = try findPerson(handle: handle)
                if let person, person.role == .athlete { ids[handle] = person.id } else { roles[handle] = .some(person?.role) }
            }
            if ids[handle] != nil { continue }
            if let role = roles[handle] ?? nil {
                problems.append("line \(row.line): '\(row.athlete)' is a \(role.rawValue), not an athlete")
            } else {
                problems.append("line \(row.line): unknown athlete '\(row.athlete)'")
            }
        }
        if !problems.isEmpty || !earlier.isEmpty {
            // Every bad line, in file order: format problems and unknown athletes together.
            func line(_ p: String) -> Int { Int(p.dropFirst(5).prefix { $0.isNumber }) ?? 0 }
            throw StoreError.invalidPlan((earlier + problems).enumerated().sorted {
                (line($0.element), $0.offset) < (line($1.element), $1.offset)
            }.map(\.element))
        }
        for row in rows {
            guard let id = ids[row.athlete.lowercased()] else { continue }
            try setPlan(athlete: id, day: row.day, workout: row.workout, source: source)
        }
        return rows.count
    }
}

extension CoachStore {
    /// Parses and imports a plan CSV in one transaction: nothing is imported when any row is bad.
    @discardableResult
    public func importPlan(csv text: String) throws -> Int {
        let (rows, problems) = try PlanCSV.parseCollecting(text)
        return try write { try $0.importPlan(rows, problems: problems) }
    }
}
