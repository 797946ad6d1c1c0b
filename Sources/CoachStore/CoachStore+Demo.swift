import CoachCore
import GRDB

/// How many rows `seedDemo` added (all zero on a second run).
public struct DemoSeedSummary: Sendable, Hashable {
    public var people = 0
    public var checkins = 0
    public var sessions = 0
    public var plans = 0
}

extension CoachStore {
    /// Seeds `DemoTeam.make(today:)` in one transaction. Idempotent and non-destructive: people
    /// are upserted, and a day's check-in, sessions or plan are only added where none exist.
    @discardableResult
    public func seedDemo(today: Day) throws -> DemoSeedSummary {
        let team = DemoTeam.make(today: today)
        let createdAt = Double(today.adding(days: -DemoTeam.historyDays).ordinal) * 86_400
        return try write { db in
            var summary = DemoSeedSummary()
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM people") ?? 0
            try db.upsertPerson(handle: team.coach.handle, displayName: team.coach.displayName, role: .coach,
                                identity: Identity(network: "console", address: team.coach.handle), at: createdAt)
            for athlete in team.athletes {
                let person = try db.upsertPerson(
                    handle: athlete.member.handle, displayName: athlete.member.displayName, role: .athlete,
                    identity: Identity(network: "console", address: athlete.member.handle), at: createdAt)
                try seed(athlete, as: person.id, in: db, summary: &summary)
            }
            summary.people = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM people") ?? 0) - before
            return summary
        }
    }

    private func seed(_ athlete: DemoTeam.Athlete, as id: PersonID, in db: Database, summary: inout DemoSeedSummary) throws {
        for record in athlete.history {
            let at = Double(record.day.ordinal) * 86_400 + 23_400
            let hasCheckin = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM checkins WHERE athlete_id = ? AND day = ?)",
                                               arguments: [id, record.day.ordinal]) ?? false
            if !hasCheckin, !record.metrics.isEmpty {
                let parsed = ParsedMessage(intent: .checkin, language: .en, metrics: record.metrics, soreness: record.soreness)
                let saved = try db.saveCheckin(athlete: id, record: record, receivedAt: at, messageID: nil,
                                               rawText: Self.demoText(record), parsedJSON: parsed.json, parserVersion: "demo")
                summary.checkins += 1
                if let decision = record.decision {
                    try db.saveAssessment(Assessment(athleteID: id, day: record.day, checkinID: saved.id, score: 78,
                                                     band: .green, decision: decision, reasons: ["demo history"],
                                                     workout: nil, ruleVersion: "demo", createdAt: at))
                }
            }
            let hasSessions = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE athlete_id = ? AND day = ?)",
                                                arguments: [id, record.day.ordinal]) ?? false
            if !hasSessions {
                for (i, s) in record.sessions.enumerated() {
                    try db.logSession(athlete: id, day: record.day, session: s, rawText: "demo", at: at + 36_000 + Double(i))
                    summary.sessions += 1
                }
            }
        }
        for (day, workout) in athlete.plan where try db.plan(athlete: id, day: day) == nil {
            try db.setPlan(athlete: id, day: day, workout: workout, source: .seed)
            summary.plans += 1
        }
    }

    /// A check-in message as an athlete might have typed it.
    static func demoText(_ r: DailyRecord) -> String {
        var parts: [String] = []
        let m = r.metrics
        if let v = m.hrvMs { parts.append("hrv \(formatNumber(v))") }
        if let v = m.rhrBpm { parts.append("rhr \(formatNumber(v))") }
        if let v = m.sleepHours { parts.append("sleep \(formatNumber(v))h") }
        if let v = m.sleepQuality { parts.append("quality \(formatNumber(v.value))/5") }
        if let v = m.fatigue { parts.append("fatigue \(formatNumber(v.value))/5") }
        for s in r.soreness { parts.append("sore \(s.side.map { "\($0.rawValue) " } ?? "")\(s.location.rawValue)") }
        return parts.joined(separator: " ")
    }
}
