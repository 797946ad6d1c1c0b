import ChatPipeline
import CoachBot
import CoachStore
import CoreMetrics
import Foundation
import Synchronization

/// The metrics that live in the database, brought up to date at each scrape through swift-metrics:
/// check-ins, alerts and decisions (counters that follow the row counts), outbox depth and seconds
/// since the last sync per network, the last backup, audit rows. Counting rows is cheap at a
/// team's size and means the figures survive restarts.
public final class StoreMetrics: Sendable {
    public static let checkins = "coachbot_checkins_total"
    public static let alerts = "coachbot_alerts_total"
    public static let decisions = "coachbot_decisions_total"
    public static let outboxDepth = "coachbot_outbox_depth"
    public static let secondsSinceSync = "coachbot_seconds_since_last_sync"
    public static let backupLastSuccess = "coachbot_backup_last_success_timestamp_seconds"
    public static let backupLastSize = "coachbot_backup_last_size_bytes"
    public static let auditRows = "coachbot_audit_rows"

    let store: CoachStore
    let networks: [String]
    let factory: any MetricsFactory
    /// The last row count each counter was brought to (counters only go up).
    private let seen = Mutex<[String: Int64]>([:])

    public init(store: CoachStore, networks: [String], factory: any MetricsFactory) {
        self.store = store
        self.networks = networks
        self.factory = factory
    }

    /// Reads the database and records every value.
    public func update(now: Double) throws {
        let snapshot = try store.read { db -> Snapshot in
            var s = Snapshot()
            (s.checkins, s.alerts, s.decisions) = try db.operationalCounts()
            for network in networks {
                s.outbox[network] = try db.outboxDepth(network: network)
                s.lastSync[network] = try db.syncValue(PipelineKey.lastReceive(network)).flatMap(Double.init)
            }
            s.backupSuccess = try db.syncValue(BackupJob.Key.lastSuccess).flatMap(Double.init)
            s.backupSize = try db.syncValue(BackupJob.Key.lastSize).flatMap(Double.init)
            s.auditRows = try db.auditCount()
            return s
        }
        follow(Self.checkins, [], snapshot.checkins)
        follow(Self.alerts, [], snapshot.alerts)
        for (decision, count) in snapshot.decisions { follow(Self.decisions, [("decision", decision)], count) }
        for network in networks {
            Gauge(label: Self.outboxDepth, dimensions: [("network", network)], factory: factory).record(snapshot.outbox[network] ?? 0)
            // Never synced: the age since 1970 would mislead; -1 says "never" (alert on it too).
            let age = snapshot.lastSync[network].map { max(0, now - $0) } ?? -1
            Gauge(label: Self.secondsSinceSync, dimensions: [("network", network)], factory: factory).record(age)
        }
        Gauge(label: Self.backupLastSuccess, factory: factory).record(snapshot.backupSuccess ?? 0)
        Gauge(label: Self.backupLastSize, factory: factory).record(snapshot.backupSize ?? 0)
        Gauge(label: Self.auditRows, factory: factory).record(snapshot.auditRows)
    }

    private func follow(_ label: String, _ dimensions: [(String, String)], _ count: Int64) {
        let key = label + dimensions.map { "|\($0.0)=\($0.1)" }.joined()
        let delta = seen.withLock { seen -> Int64 in
            let delta = count - (seen[key] ?? 0)
            if delta > 0 { seen[key] = count }
            return delta
        }
        let counter = Counter(label: label, dimensions: dimensions, factory: factory)
        counter.increment(by: max(0, delta))
    }

    private struct Snapshot {
        var checkins: Int64 = 0
        var alerts: Int64 = 0
        var decisions: [String: Int64] = [:]
        var outbox: [String: Int] = [:]
        var lastSync: [String: Double] = [:]
        var backupSuccess: Double?
        var backupSize: Double?
        var auditRows = 0
    }
}
