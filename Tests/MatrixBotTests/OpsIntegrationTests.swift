import ChatPipeline
import CoachStore
import Foundation
import HTTPClient
import MatrixBot
import MatrixTransport
import TOMLKit
import PipelineTestSupport
import Testing

/// Operations on a real run: the `coachbot` daemon on the dev Synapse with `[http]` and `[backup]`,
/// driven through check-ins, alerts, an override, a note and errors. Its `/metrics` passes
/// `promtool check metrics`, `/readyz` turns 503 while the homeserver is down and 200 after, the
/// scheduled backup verifies, and its log at the default level holds none of what was sent.
@Suite(.serialized, .enabled(if: DevHomeserver.load() != nil, "needs COACHBOT_SYNAPSE_CONFIG from deploy/dev-homeserver"),
       .timeLimit(.minutes(6)))
struct OpsIntegrationTests {
    let env = DevHomeserver.load()

    static let displayNames = ["alice": "Alice Quokkason", "bob": "Bob Zanderling"]

    @Test func aRealRunIsScrapedReadyOrNotBackedUpAndLogsNothingPrivate() async throws {
        let env = try #require(env)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coachbot-ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let port = 20_000 + Int.random(in: 0...20_000)
        let key = dir.appendingPathComponent("backup.key").path
        try Data((0..<32).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: key))
        var config = try String(contentsOfFile: env.configPath, encoding: .utf8)
        for (handle, name) in Self.displayNames {
            config = config.replacingOccurrences(of: "name = \"\(handle)\"\n", with: "name = \"\(handle)\"\ndisplay_name = \"\(name)\"\n")
        }
        config += """

            [http]
            listen = "127.0.0.1:\(port)"

            [backup]
            dir = "\(dir.appendingPathComponent("backups").path)"
            time = "03:00"
            key_file = "\(key)"

            """
        let configPath = dir.appendingPathComponent("coachbot.toml").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let database = dir.appendingPathComponent("bot.sqlite").path
        let bot = BotProcess(config: configPath, database: database)
        try bot.start()
        defer { _ = bot.stop() }
        let base = "http://127.0.0.1:\(port)"
        try #require(await eventually(.seconds(60)) { (try? Curl.get(base + "/readyz"))?.status == 200 }, "the daemon became ready")
        #expect(try Curl.get(base + "/healthz").status == 200)

        // Check-ins, a red flag, a bad value, a coach's override, note and a command about no one.
        let http = HTTPClient()
        let alice = try await Person.login(env.athletes[0], homeserver: env.homeserver, http: http)
        let coach = try await Person.login(env.coach, homeserver: env.homeserver, http: http)
        let room = try #require(alice.account.room)
        let aliceStart = try await alice.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch
        let athleteTexts = ["hrv 117 rhr 61 sleep 6.5, left achilles pain 6/10", "fever 38.7 and coughing", "hrv 900"]
        let coachTexts = ["override alice easy 40min", "note alice zebraquokka knee story", "trend nosuchperson", "team"]
        var sent: [String] = []
        for text in athleteTexts {
            sent.append(try await alice.client.send(roomID: room, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: text)))
        }
        for text in coachTexts {
            _ = try await coach.client.send(roomID: env.coachesRoom, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: text))
        }
        let answered = await eventually(.seconds(60)) {
            let events = (try? await alice.events(in: room, after: aliceStart)) ?? []
            return Set(events.compactMap(\.inReplyTo)).isSuperset(of: sent)
        }
        #expect(answered, "alice's check-ins were answered")

        // /metrics on the live run passes promtool and counts what happened.
        let metricsOK = await eventually(.seconds(30)) {
            ((try? Curl.get(base + "/metrics"))?.body ?? "").contains("coachbot_replies_sent_total{network=\"matrix\"}")
        }
        #expect(metricsOK)
        let metrics = try Curl.get(base + "/metrics")
        #expect(metrics.status == 200)
        let received = metrics.body.split(separator: "\n").first { $0.hasPrefix("coachbot_messages_received_total{network=\"matrix\"}") }
        #expect((received?.split(separator: " ").last.flatMap { Double($0) } ?? 0) >= 7, "\(received ?? "no received counter")")
        for name in ["coachbot_checkins_total", "coachbot_alerts_total", "coachbot_decisions_total", "coachbot_outbox_depth",
                     "coachbot_seconds_since_last_sync", "coachbot_message_handling_seconds_bucket", "coachbot_backup_last_success_timestamp_seconds",
                     "coachbot_backup_last_size_bytes", "coachbot_audit_rows"] {
            #expect(metrics.body.contains(name), "missing \(name)")
        }
        try Promtool.check(metrics.body)

        // The daemon took its first backup at start; it verifies with the key.
        let backups = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("backups").path).filter { $0.hasSuffix(".backup") }
        #expect(backups.count == 1)
        if let name = backups.first {
            let manifest = try CoachStore.verifyBackup(dir.appendingPathComponent("backups/\(name)").path, key: BackupKey(file: key))
            #expect(manifest.encrypted)
        }

        // The homeserver goes away: not ready, with the reason; back: ready again.
        try DevHomeserver.script(["stop"])
        var down: Curl.Response?
        let notReady = await eventually(.seconds(150)) {
            down = try? Curl.get(base + "/readyz")
            return down?.status == 503
        }
        try DevHomeserver.script(["start"])
        #expect(notReady, "/readyz went 503 while the homeserver was stopped")
        #expect(down?.body.contains("matrix:") == true, "\(down?.body ?? "")")
        #expect(await eventually(.seconds(150)) { (try? Curl.get(base + "/readyz"))?.status == 200 }, "/readyz 200 again")

        let token = try CoachStore(path: database).read { db in try db.syncValue(SQLiteMatrixSessions.Key.token) }
        #expect(bot.stop() == 0)

        // The log at the default level: nothing that was sent, no name, password or token.
        let log = try String(contentsOfFile: database + ".log", encoding: .utf8)
        #expect(log.contains("batch committed"), "the log is the daemon's")
        let toml = try TOMLTable(string: config)
        var secrets: [String] = athleteTexts + coachTexts + Array(Self.displayNames.values)
        secrets += ["achilles", "coughing", "zebraquokka", "knee story", "nosuchperson"]
        if let passwords = toml["dev"]?.table?["passwords"]?.table {
            secrets += passwords.keys.compactMap { passwords[$0]?.string }
        }
        secrets.append(toml["matrix"]?.table?["password"]?.string ?? "")
        secrets += [token ?? "", alice.token, coach.token]
        for secret in secrets where !secret.isEmpty {
            #expect(!log.contains(secret), "the log holds “\(secret.prefix(12))…”")
        }
        // Health values as numbers on their own (not inside ids, times or durations).
        for value in ["117", "61", "6.5", "38.7", "900"] {
            let pattern = "(?<![0-9A-Za-z.:_-])" + NSRegularExpression.escapedPattern(for: value) + "(?![0-9A-Za-z._-])"
            let regex = try NSRegularExpression(pattern: pattern)
            let hits = regex.matches(in: log, range: NSRange(log.startIndex..., in: log)).compactMap { Range($0.range, in: log) }
            let lines = hits.map { log[log.lineRange(for: $0)].trimmingCharacters(in: .newlines) }
            #expect(lines.isEmpty, "health value \(value) in the log: \(lines.prefix(2))")
        }
        print("ops run: log of \(log.split(separator: "\n").count) lines scanned for \(secrets.count) strings and 5 values; metrics \(metrics.body.split(separator: "\n").count) lines")
    }
}
