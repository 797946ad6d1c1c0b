import Foundation
import Testing

/// `coachbot lactate`: the spec's reference test through the executable, and bad files.
@Suite struct LactateCLITests {
    static let reference = "intensity,lactate,hr\nrest,0.93,96\n50,0.98,114\n75,1.23,134\n100,1.88,154\n125,2.80,170\n150,4.21,182\n175,6.66,193\n191,8.64,198\n"

    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lactate-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The JSON object's figures, parsed (not string-matched) and compared with the spec's.
    @Test func referenceJSON() throws {
        let url = try Self.file(Self.reference)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try CLITests.run(["lactate", "--json", "--sport", "bike", url.path])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["sport"] as? String == "bike")
        #expect(object["unit"] as? String == "W")
        #expect(object["stages"] as? Int == 7)
        #expect(object["baseline"] as? Double == 0.93)
        let fit = try #require(object["fit"] as? [String: Double])
        for (key, value) in [("a", 0.009143), ("b", 0.030786), ("c", -0.000347017), ("d", 0.00000221233)] {
            #expect(abs((fit[key] ?? 0) - value) <= abs(value) * 1e-3, "fit \(key)")
        }
        let thresholds = try #require(object["thresholds"] as? [String: [String: Any]])
        let expected: [(String, Double, Double, Int)] = [
            ("dmax", 131.54, 3.09, 168), ("moddmax", 140.15, 3.6, 173), ("obla2", 105.74, 2.0, 153),
            ("obla4", 146.11, 4.0, 177), ("baseline_plus_0_5", 82.53, 1.43, 139), ("baseline_plus_1_0", 103.47, 1.93, 152),
        ]
        func check(_ p: [String: Any]?, _ x: Double, _ y: Double, _ hr: Int, _ name: String) {
            #expect(abs((p?["intensity"] as? Double ?? 0) - x) <= x * 0.005, "\(name) intensity")
            #expect(abs((p?["lactate"] as? Double ?? 0) - y) <= 0.05, "\(name) lactate")
            #expect(p?["hr"] as? Int == hr, "\(name) hr")
        }
        for (key, x, y, hr) in expected { check(thresholds[key], x, y, hr, key) }
        check(object["lt1"] as? [String: Any], 82.53, 1.43, 139, "lt1")
        check(object["lt2"] as? [String: Any], 140.15, 3.6, 173, "lt2")
        let zones = try #require(object["zones"] as? [[String: Any]])
        #expect(zones.map { $0["zone"] as? Int } == [1, 2, 3, 4, 5])
        let tos = zones.map { $0["to"] as? Double }
        for (got, want) in zip(tos, [82.53, 111.34, 140.15, 168.96, nil] as [Double?]) {
            if let want { #expect(abs((got ?? 0) - want) <= want * 0.005) } else { #expect(got == nil) }
        }
        #expect(zones[0]["hr_to"] as? Int == 139)
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: [
        ("10,1.0\n12,1.5\n14,2.5\n16,4.5\n", "5 exercise stages"),
        ("10,1.0\n12,1.5\n11,2.5\n16,4.5\n18,7\n", "stage 3"),
        ("10,1.0\n12,1.5\n14,2.5\n16,40\n18,7\n", "stage 4: lactate 40"),
    ])
    func badFilesExitOneNamingTheStage(_ csv: String, _ words: String) throws {
        let url = try Self.file(csv)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try CLITests.run(["lactate", url.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(words), "\(r.stderr)")
    }

    @Test func runningReportShowsPace() throws {
        let url = try Self.file("rest,0.9\n10,1.1,128\n12,1.4,140\n14,2.0,152\n16,3.4,165\n18,6.8,178\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try CLITests.run(["lactate", url.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("/km"))
        #expect(r.stdout.contains("LT2"))
        let json = try CLITests.run(["lactate", "--json", url.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["unit"] as? String == "km/h")
        let lt2 = try #require(object["lt2"] as? [String: Any])
        // Pace is 60 / speed, written m:ss.
        let speed = try #require(lt2["intensity"] as? Double)
        let seconds = Int((3600 / speed).rounded())
        #expect(lt2["pace"] as? String == String(format: "%d:%02d", seconds / 60, seconds % 60))
        let zones = try #require(object["zones"] as? [[String: Any]])
        #expect(zones[2]["pace_from"] != nil && zones[2]["pace_to"] != nil && zones[2]["hr_from"] != nil)
    }
}
