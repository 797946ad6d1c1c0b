import Foundation
import Testing

/// End-to-end checks of the `coachbot` executable: the command-line contracts scripts rely on.
@Suite struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable, next to the test bundle.
    static var executable: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [here, here.deletingLastPathComponent(), root.appendingPathComponent(".build/debug")] {
            let url = candidate.appendingPathComponent("coachbot")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/coachbot")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: Data = Data(), cwd: URL? = nil, env: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = cwd ?? root
        process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Write stdin and read the outputs concurrently so large payloads do not deadlock.
        let writer = Thread {
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let err = ErrorBox()
        let errReader = Thread { err.data = error.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while err.data == nil { Thread.sleep(forTimeInterval: 0.01) }
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err.data ?? Data(), as: UTF8.self))
    }

    final class ErrorBox: @unchecked Sendable {
        private let lock = NSLock()
        private var _data: Data?
        var data: Data? {
            get { lock.withLock { _data } }
            set { lock.withLock { _data = newValue } }
        }
    }

    @Test func parseJSONOfOneMessage() throws {
        let r = try Self.run(["parse", "--json", "hrv 52 sleep 7 sore legs"])
        #expect(r.status == 0)
        #expect(r.stdout == #"{"intent":"checkin","lang":"en","metrics":{"hrv_ms":52,"sleep_hours":7},"soreness":[{"location":"legs","side":null}]}"# + "\n")
    }

    @Test func parseHumanReadable() throws {
        let r = try Self.run(["parse", "rhr 48, slept 6h badly, left achilles 3/10"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("intent: checkin"))
        #expect(r.stdout.contains("pain: left achilles 3/10"))
    }

    @Test func parseStdinGivesOneLineOutPerLineInSameOrder() throws {
        let lines = ["hrv 52", "", "lol", "feber 38,5", "override alice easy 40min", "🏃‍♀️", "   "]
        let r = try Self.run(["parse", "--json"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(r.status == 0)
        let out = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(out.count == lines.count)
        let intents = out.map { line -> String in
            let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return o?["intent"] as? String ?? "?"
        }
        // An emoji alone is smalltalk (checkin-language.md).
        #expect(intents == ["checkin", "unknown", "unknown", "checkin", "override", "smalltalk", "unknown"])
    }

    @Test func parseSurvivesInvalidUTF8AndHugeLines() throws {
        var input = Data([0xFF, 0xFE, 0x00, 0x41, 0x0A])
        input.append(Data(String(repeating: "knee pain ", count: 200_000).utf8))
        input.append(0x0A)
        let r = try Self.run(["parse", "--json"], stdin: input)
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 2)
    }

    @Test func langOptionIsValidated() throws {
        let r = try Self.run(["parse", "--lang", "de", "hej"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--lang must be en, sv or auto"))
    }

    @Test func reportPrintsPrecisionRecallAndConfusions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("labelled.tsv")
        try "hrv 52\tcheckin\nlol\tcheckin\nhelp\thelp\nno tab here\nundo\tundoo\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Self.run(["parse", "--report", file.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("checkin           1.000   0.500"))
        #expect(r.stdout.contains("checkin → unknown: 1"))
        #expect(r.stdout.contains("line 4: no TAB"))
        #expect(r.stdout.contains("line 5: 'undoo' is not an intent"))
    }

    @Test func missingVocabularyIsAClearError() throws {
        let r = try Self.run(["parse", "--intents", "/nonexistent", "hrv 52"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot find the Intents/ folder"))
    }
}
