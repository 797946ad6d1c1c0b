import Foundation

/// A command-line tool a test relies on failed, or is missing.
public struct ToolFailure: Error, CustomStringConvertible {
    public var description: String
}

/// `promtool check metrics` (Debian's `prometheus`, installed by deploy/install-deps): throws
/// with promtool's words unless the text is valid Prometheus exposition format.
public enum Promtool {
    public static func check(_ text: String) throws {
        guard let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ToolFailure(description: "promtool is missing: run deploy/install-deps")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: promtool)
        p.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = output
        try p.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ToolFailure(description: "promtool check metrics: \(said)") }
    }
}

/// A GET with curl(1): status and body.
public enum Curl {
    public struct Response: Sendable {
        public var status: Int
        public var body: String
    }

    public static func get(_ url: String) throws -> Response {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["curl", "-s", "-m", "5", "-w", "\n%{http_code}", url]
        let output = Pipe()
        p.standardOutput = output
        try p.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard p.terminationStatus == 0, let code = lines.last.flatMap({ Int($0) }) else {
            throw ToolFailure(description: "curl \(url) failed (exit \(p.terminationStatus))")
        }
        return Response(status: code, body: lines.dropLast().joined(separator: "\n"))
    }
}
