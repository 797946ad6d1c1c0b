import Foundation
import HTTPClient
import Testing

/// A Python loopback server (Fixtures/http_test_server.py), stopped when its stdin closes.
final class TestServer: Sendable {
    let process: Process
    let stdin: Pipe
    let port: Int

    init(tls: Bool = false) throws {
        let script = try #require(Bundle.module.url(forResource: "http_test_server", withExtension: "py", subdirectory: "Fixtures"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + (tls ? ["--tls"] : [])
        let stdout = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while let byte = try stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([10]) {
            line.append(byte)
        }
        self.process = process
        self.stdin = stdin
        self.port = try #require(Int(String(decoding: line, as: UTF8.self)))
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

@Suite(.serialized) struct HTTPClientTests {
    @Test func roundTripWithBodyHeadersAndStatus() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = HTTPClient()
        let response = try await client.send(HTTPRequest(
            method: "PUT", url: server.base + "/echo?x=1",
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer t")], body: Array(#"{"a":1}"#.utf8)))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
        #expect(json["method"] as? String == "PUT")
        #expect(json["path"] as? String == "/echo?x=1")
        #expect(json["body"] as? String == #"{"a":1}"#)
        #expect(json["auth"] as? String == "Bearer t")
    }

    @Test func connectionIsReused() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = HTTPClient()
        var ports: Set<Int> = []
        for _ in 0..<3 {
            let response = try await client.send(HTTPRequest(url: server.base + "/echo"))
            let json = try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
            ports.insert(try #require(json["port"] as? Int))
        }
        #expect(ports.count == 1, "one kept-alive connection serves all three requests")
    }

    @Test func errorStatusIsAResponseWithHeaders() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try await HTTPClient().send(HTTPRequest(method: "POST", url: server.base + "/status/429", body: []))
        #expect(response.status == 429)
        #expect(response.header("Retry-After") == "3")
    }

    @Test func cancellationStopsALongPollWithinASecond() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = HTTPClient()
        let task = Task { try await client.send(HTTPRequest(url: server.base + "/slow")) }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        task.cancel()
        let result = await task.result
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .milliseconds(1500), "took \(elapsed)")
        #expect(throws: HTTPClientError.cancelled) { try result.get() }
    }

    @Test func totalTimeout() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await #expect(throws: HTTPClientError.self) {
            try await HTTPClient().send(HTTPRequest(url: server.base + "/slow", timeout: .milliseconds(400)))
        }
        do {
            _ = try await HTTPClient().send(HTTPRequest(url: server.base + "/slow", timeout: .milliseconds(400)))
        } catch {
            guard case .timedOut = error else { Issue.record("expected timedOut, got \(error)"); return }
        }
    }

    @Test func refusedConnectionIsTransient() async {
        do {
            _ = try await HTTPClient().send(HTTPRequest(url: "http://127.0.0.1:1/"))
            Issue.record("expected an error")
        } catch {
            guard case .couldNotConnect = error else { Issue.record("got \(error)"); return }
            #expect(error.isTransient)
        }
    }

    @Test func untrustedCertificateIsRefused() async throws {
        let server = try TestServer(tls: true)
        defer { server.stop() }
        do {
            _ = try await HTTPClient().send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/echo"))
            Issue.record("a self-signed certificate must not be accepted")
        } catch {
            guard case .tls = error else { Issue.record("expected a TLS error, got \(error)"); return }
            #expect(!error.isTransient)
        }
    }

    @Test func onlyHTTPAndHTTPS() async {
        await #expect(throws: HTTPClientError.self) { try await HTTPClient().send(HTTPRequest(url: "file:///etc/passwd")) }
    }

    @Test func shutDownClientRefuses() async {
        let client = HTTPClient()
        client.shutdown()
        await #expect(throws: HTTPClientError.shutDown) { try await client.send(HTTPRequest(url: "http://127.0.0.1:1/")) }
    }
}
