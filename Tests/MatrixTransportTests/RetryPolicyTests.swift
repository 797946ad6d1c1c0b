import CoachCore
import HTTPClient
import Testing

@testable import MatrixTransport

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test func rateLimitHonoursRetryAfterHeader() {
        let error = MatrixError.from(status: 429, headers: "7", body: MatrixErrorBody(errcode: "M_LIMIT_EXCEEDED", error: nil, retryAfterMS: 100))
        #expect(policy.decide(error, attempt: 5) == .retry(after: .seconds(7)))
    }

    @Test func rateLimitHonoursRetryAfterMS() throws {
        let error = MatrixError.from(status: 429, headers: nil, body: try decode(MatrixErrorBody.self, "error_429"))
        #expect(policy.decide(error, attempt: 0) == .retry(after: .milliseconds(2500)))
    }

    @Test func rateLimitWithoutHintBacksOff() {
        var rng = SplitMix64(seed: 1)
        let error = MatrixError.server(status: 429, errcode: "M_LIMIT_EXCEEDED", message: nil, retryAfter: nil)
        guard case .retry(let delay) = policy.decide(error, attempt: 2, using: &rng) else {
            Issue.record("expected retry")
            return
        }
        #expect(delay >= .seconds(1) && delay <= .seconds(2))
    }

    @Test func backoffDoublesFromHalfASecondToAMinute() {
        let ceilings = (0..<10).map { policy.ceiling(attempt: $0) }
        #expect(ceilings == [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32),
            .seconds(60), .seconds(60), .seconds(60),
        ])
        #expect(policy.ceiling(attempt: 10_000) == .seconds(60))
    }

    @Test func serverErrorsBackOffWithJitterWithinBounds() {
        var rng = SplitMix64(seed: 42)
        var seen = Set<Duration>()
        for attempt in 0..<12 {
            let ceiling = policy.ceiling(attempt: attempt)
            for status in [500, 502, 503] {
                let decision = policy.decide(.server(status: status, errcode: nil, message: nil, retryAfter: nil), attempt: attempt, using: &rng)
                guard case .retry(let delay) = decision else {
                    Issue.record("expected retry for \(status)")
                    continue
                }
                #expect(delay <= ceiling && delay >= ceiling / 2)
                seen.insert(delay)
            }
        }
        #expect(seen.count > 20, "jitter spreads the delays")
    }

    @Test func networkErrorsRetryTLSDoesNot() {
        var rng = SplitMix64(seed: 3)
        let refused = policy.decide(.http(.couldNotConnect("refused")), attempt: 0, using: &rng)
        guard case .retry(let d) = refused else {
            Issue.record("expected retry")
            return
        }
        #expect(d <= .milliseconds(500))
        #expect(policy.decide(.http(.timedOut("x")), attempt: 1, using: &rng) != .giveUp(reason: ""))
        if case .giveUp = policy.decide(.http(.tls("bad cert")), attempt: 0, using: &rng) {} else {
            Issue.record("TLS failures are not retried blindly")
        }
    }

    @Test func unknownTokenIsFatal() throws {
        let error = MatrixError.from(status: 401, headers: nil, body: try decode(MatrixErrorBody.self, "error_unknown_token"))
        guard case .fatal(let reason) = policy.decide(error, attempt: 0) else {
            Issue.record("expected fatal")
            return
        }
        #expect(reason.contains("M_UNKNOWN_TOKEN"))
    }

    @Test func otherClientErrorsGiveUp() {
        let forbidden = MatrixError.server(status: 403, errcode: "M_FORBIDDEN", message: "not in room", retryAfter: nil)
        if case .giveUp = policy.decide(forbidden, attempt: 0) {} else { Issue.record("expected give-up") }
    }
}
