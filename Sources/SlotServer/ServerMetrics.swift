import CoreMetrics
import Prometheus

/// The server's metrics, kept with swift-metrics in a Prometheus registry of
/// the server's own (so that several servers in one process, as in tests,
/// count apart) and exposed at `GET /metrics` in Prometheus's text format.
///
/// - `http_requests_total{route, method, status}`: requests answered;
/// - `http_request_duration_seconds{route}`: latency histogram;
/// - `tagger_tokens_total{model}`: tokens tagged;
/// - `tagger_model_reloads_total{model, result}`: reloads, `ok` or `failed`.
package final class ServerMetrics: Sendable {
    /// The registry the metrics live in.
    package let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    /// Creates metrics in a new registry.
    package init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2_500), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .microseconds(2_500_000), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// Counts one answered request and records its latency.
    func recordRequest(route: String, method: String, status: Int, nanoseconds: Int64) {
        Counter(label: "http_requests_total", dimensions: [("route", route), ("method", method), ("status", String(status))],
                factory: factory).increment()
        Timer(label: "http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(nanoseconds)
    }

    /// Counts tokens tagged by `model`.
    func recordTokens(_ count: Int, model: String) {
        Counter(label: "tagger_tokens_total", dimensions: [("model", model)], factory: factory).increment(by: count)
    }

    /// Counts one reload of `model`.
    func recordReload(model: String, succeeded: Bool) {
        Counter(label: "tagger_model_reloads_total", dimensions: [("model", model), ("result", succeeded ? "ok" : "failed")],
                factory: factory).increment()
    }

    /// Every metric in Prometheus's text exposition format.
    package func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
