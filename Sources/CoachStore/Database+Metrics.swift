import GRDB

/// Figures the metrics endpoint reads (counts only: never values).
extension Database {
    /// Rows of check-ins and alerts, and assessments per decision.
    public func operationalCounts() throws -> (checkins: Int64, alerts: Int64, decisions: [String: Int64]) {
        let checkins = try Int64.fetchOne(cachedStatement(sql: "SELECT COUNT(*) FROM checkins")) ?? 0
        let alerts = try Int64.fetchOne(cachedStatement(sql: "SELECT COUNT(*) FROM alerts")) ?? 0
        var decisions: [String: Int64] = [:]
        for row in try Row.fetchAll(cachedStatement(sql: "SELECT decision, COUNT(*) FROM assessments GROUP BY decision")) {
            decisions[row[0] ?? "unknown"] = row[1] ?? 0
        }
        return (checkins, alerts, decisions)
    }
}
