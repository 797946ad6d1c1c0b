import Foundation
import Testing

/// `coachbot db backup|verify|restore` and `coachbot audit` as an operator runs them.
@Suite struct OperationsCLITests {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-ops-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func backupVerifyRestoreByHandAndEveryRefusalNamed() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("live.sqlite").path
        let key = dir.appendingPathComponent("backup.key").path, other = dir.appendingPathComponent("other.key").path
        try Data((0..<32).map { UInt8($0) }).write(to: URL(fileURLWithPath: key))
        try String(repeating: "ab", count: 32).write(toFile: other, atomically: true, encoding: .utf8)
        let bak = dir.appendingPathComponent("b.backup").path
        #expect(try CLITests.run(["seed", "demo", "--db", db]).status == 0)

        let backup = try CLITests.run(["db", "backup", "--db", db, "--key-file", key, bak])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("encrypted, key id"))
        let verify = try CLITests.run(["db", "verify", "--key-file", key, bak])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("ok: \(bak): taken "))

        let wrong = try CLITests.run(["db", "restore", "--db", db, "--key-file", other, bak])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("was encrypted with another key"))
        let noKey = try CLITests.run(["db", "verify", bak])
        #expect(noKey.stderr.contains("is encrypted; pass the key file"))

        #expect(try CLITests.run(["audit", "--db", db]).stdout.contains("cli(operator) backup detail=ok b.backup by hand"))
        let restore = try CLITests.run(["db", "restore", "--db", db, "--key-file", key, bak])
        #expect(restore.status == 0, "\(restore.stderr)")

        // Truncated: refused by name.
        let data = try Data(contentsOf: URL(fileURLWithPath: bak))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: bak))
        let truncated = try CLITests.run(["db", "restore", "--db", db, "--key-file", key, bak])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.contains("is truncated"))

        // The restored database has the audit as it was at the backup, plus the restore; the chain verifies.
        let audit = try CLITests.run(["audit", "--db", db])
        #expect(audit.stdout.contains("cli(operator) restore detail=from b.backup"))
        let json = try CLITests.run(["audit", "--db", db, "--json"])
        #expect(json.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("{") && $0.contains("\"prevHash\"") })
        let chain = try CLITests.run(["audit", "verify", "--db", db])
        #expect(chain.status == 0)
        #expect(chain.stdout.hasPrefix("ok: "))
        let head = try #require(chain.stdout.split(separator: " ").last?.trimmingCharacters(in: .newlines))
        #expect(try CLITests.run(["audit", "verify", "--db", db, "--head", head]).status == 0)
        let wrongHead = try CLITests.run(["audit", "verify", "--db", db, "--head", "99:abc"])
        #expect(wrongHead.status == 1)
        #expect(wrongHead.stdout.contains("row 99 is missing or not the one recorded"))
    }

    @Test func auditVerifyNamesTheChangedRowAndFails() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("live.sqlite").path
        #expect(try CLITests.run(["seed", "demo", "--db", db]).status == 0)
        for i in 0..<3 {
            #expect(try CLITests.run(["db", "backup", "--db", db, dir.appendingPathComponent("b\(i).backup").path]).status == 0)
        }
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", """
            import sqlite3; c = sqlite3.connect('\(db)'); c.execute('DROP TRIGGER audit_append_only_update')
            c.execute("UPDATE audit SET detail = 'nothing to see' WHERE id = 2"); c.commit()
            """]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        let chain = try CLITests.run(["audit", "verify", "--db", db])
        #expect(chain.status == 1)
        #expect(chain.stdout.contains("row 2 was changed"))
    }
}
