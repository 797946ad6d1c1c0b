import CoachBot
import CoachStore
import CoreMetrics
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// The operations endpoints, served by Hummingbird on a loopback address:
/// - `GET /metrics`: Prometheus text format from the registry the daemon's swift-metrics write to,
///   with the database figures (`StoreMetrics`) brought up to date first;
/// - `GET /healthz`: 200 while the process runs;
/// - `GET /readyz`: 200 `ready`, or 503 with one reason per line (`Readiness`).
public enum OpsServer {
    /// The Hummingbird application, a `Service` to run beside the pipeline.
    public static func application(settings: HTTPSettings, store: CoachStore, networks: [String],
                                   registry: PrometheusCollectorRegistry, logger: Logger) -> some ApplicationProtocol {
        let metrics = StoreMetrics(store: store, networks: networks, factory: PrometheusMetricsFactory(registry: registry))
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            let now = Date().timeIntervalSince1970
            do {
                try metrics.update(now: now)
            } catch {
                Counter(label: "coachbot_errors_total", dimensions: [("kind", "metrics"), ("network", "none")]).increment()
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: MetricHelp.annotate(registry.emitToString()))))
        }
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            let reasons = Readiness.probe(store: store, networks: networks, now: Date().timeIntervalSince1970)
            let body = reasons.isEmpty ? "ready\n" : reasons.joined(separator: "\n") + "\n"
            return Response(status: reasons.isEmpty ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        var httpLogger = logger
        httpLogger.logLevel = max(logger.logLevel, .notice)
        return Application(router: router, configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "coachbot"),
                           logger: httpLogger)
    }
}
