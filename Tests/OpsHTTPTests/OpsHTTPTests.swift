import ChatPipeline
import CoachBot
import CoachCore
import CoachStore
import Foundation
import Metrics
import Prometheus
import PipelineTestSupport
import Testing
@testable import OpsHTTP

@Suite struct ReadinessTests {
    let now = 1_795_400_000.0

    @Test func readyOnlyWhenTheDatabaseWritesAndEveryNetworkSyncedRecently() {
        let fresh = Readiness.NetworkState(name: "matrix", lastSync: now - 30, lastError: "")
        #expect(Readiness.reasons(databaseError: nil, networks: [fresh], now: now).isEmpty)
        #expect(Readiness.reasons(databaseError: "disk full", networks: [fresh], now: now) == ["database not writable: disk full"])
        let stale = Readiness.NetworkState(name: "matrix", lastSync: now - 121, lastError: "")
        #expect(Readiness.reasons(databaseError: nil, networks: [stale], now: now) == ["matrix: last sync 121 s ago (more than 120 s)"])
        let never = Readiness.NetworkState(name: "irc", lastSync: nil, lastError: nil)
        #expect(Readiness.reasons(databaseError: nil, networks: [fresh, never], now: now) == ["irc: not synced yet"])
        let failing = Readiness.NetworkState(name: "matrix", lastSync: now - 10, lastError: "connection refused")
        #expect(Readiness.reasons(databaseError: nil, networks: [failing], now: now) == ["matrix: last step failed"])
    }

    @Test func theLoopbackRule() {
        #expect((try? HTTPSettings.parse("127.0.0.1:9464").get()) == HTTPSettings(host: "127.0.0.1", port: 9464))
        #expect((try? HTTPSettings.parse("[::1]:9464").get()) == HTTPSettings(host: "::1", port: 9464))
        #expect((try? HTTPSettings.parse("0.0.0.0:9464").get()) == nil)
        #expect((try? HTTPSettings.parse("127.0.0.1").get()) == nil)
        #expect(throws: (any Error).self) { try TeamConfig(toml: "[http]\nlisten = \"10.0.0.1:80\"") }
    }
}

@Suite struct MetricsTests {
    func store() throws -> (CoachStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try CoachStore(path: dir.appendingPathComponent("m.sqlite").path)
        try store.seedDemo(today: Day(year: 2026, month: 3, day: 2))
        try store.write { db in
            try db.setSyncValue(PipelineKey.lastReceive("matrix"), "1795399990")
            try db.appendAudit(AuditEntry(at: 1, actor: "cli", actorRole: "operator", action: "export", athlete: "alice"))
            try db.enqueueOutbox(network: "matrix", txnID: "t1", roomID: "!r:x", body: "hi", at: 1)
        }
        return (store, dir)
    }

    @Test func theDatabaseFiguresRenderInPrometheusFormatAndCountersFollowTheRows() throws {
        let (store, dir) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = PrometheusCollectorRegistry()
        let metrics = StoreMetrics(store: store, networks: ["matrix"], factory: PrometheusMetricsFactory(registry: registry))
        try metrics.update(now: 1_795_400_000)
        let text = registry.emitToString()
        let checkins = try store.read { try $0.operationalCounts().checkins }
        #expect(checkins > 0)
        #expect(text.contains("coachbot_checkins_total \(checkins)\n"))
        #expect(text.contains("coachbot_outbox_depth{network=\"matrix\"} 1"))
        #expect(text.contains("coachbot_seconds_since_last_sync{network=\"matrix\"} 10"))
        #expect(text.contains("coachbot_audit_rows 1"))
        #expect(text.contains("# TYPE coachbot_decisions_total counter"))
        // A second scrape adds nothing when nothing changed; a new alert adds one.
        try store.write { db in try db.recordAlert(athlete: 2, day: Day(year: 2026, month: 3, day: 2), at: 5, kind: "hrv", reasons: ["x"]) }
        let alerts = try store.read { try $0.operationalCounts().alerts }
        try metrics.update(now: 1_795_400_000)
        try metrics.update(now: 1_795_400_000)
        #expect(registry.emitToString().contains("coachbot_alerts_total \(alerts)\n"))
        try Promtool.check(MetricHelp.annotate(registry.emitToString()))
        #expect(MetricHelp.annotate(registry.emitToString()).contains("# HELP coachbot_checkins_total Check-ins stored.\n# TYPE coachbot_checkins_total counter"))
    }

    @Test func theServerAnswersMetricsHealthAndReadiness() async throws {
        let (store, dir) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = PrometheusCollectorRegistry()
        Counter(label: "coachbot_messages_received_total", dimensions: [("network", "matrix")],
                factory: PrometheusMetricsFactory(registry: registry)).increment(by: 3)
        let port = 19_000 + Int(UInt16.random(in: 0...5000))
        let app = OpsServer.application(settings: HTTPSettings(host: "127.0.0.1", port: port), store: store, networks: ["matrix"],
                                        registry: registry, logger: .init(label: "test"))
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let base = "http://127.0.0.1:\(port)"
        var health: Curl.Response?
        for _ in 0..<100 {
            health = try? Curl.get(base + "/healthz")
            if health?.status == 200 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(health?.status == 200)
        let metrics = try Curl.get(base + "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("coachbot_messages_received_total{network=\"matrix\"} 3"))
        #expect(metrics.body.contains("coachbot_checkins_total"))
        try Promtool.check(metrics.body)
        // The last sync is long ago (the fixture's clock), so not ready, with the reason.
        let ready = try Curl.get(base + "/readyz")
        #expect(ready.status == 503)
        #expect(ready.body.contains("matrix: last sync"))
        try store.write { db in try db.setSyncValue(PipelineKey.lastReceive("matrix"), String(Date().timeIntervalSince1970)) }
        #expect(try Curl.get(base + "/readyz").status == 200)
    }
}
