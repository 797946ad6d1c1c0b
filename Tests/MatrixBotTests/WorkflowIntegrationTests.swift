import Foundation
import HTTPClient
import MatrixTransport
import Testing

extension DaemonIntegrationTests {
    /// The seed's Workflow 1 on Matrix with the real daemon, nothing created by hand in the
    /// database: the coach enters a lactate test, previews and confirms a marathon program; the
    /// athlete checks in tired on a day of intervals and gets it one zone easier, in her own
    /// speed, pace and HR; she logs the run, and the coach's `progress` shows it with the test
    /// and the program. (The program starts next Monday, so today's hard day is one the coach
    /// plans in chat; the console transcript `programs-workflow1-…` runs a program day itself.)
    @Test func workflowOneInChat() async throws {
        let env = try #require(env)
        let http = HTTPClient()
        let bot = try await startBot()
        defer { _ = bot.stop() }
        let alice = try await Person.login(env.athletes[0], homeserver: env.homeserver, http: http)
        let coach = try await Person.login(env.coach, homeserver: env.homeserver, http: http)
        let name = alice.account.user
        let room = try #require(alice.account.room)
        var aliceSince = try await alice.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch
        var coachSince = try await coach.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch

        /// Sends `text` as `person` in `room` and returns the bot's first message there after it
        /// that contains `expected`.
        func say(_ text: String, as person: Person, in room: String, since: inout String, expecting expected: String) async throws -> String {
            let start = since
            _ = try await person.client.send(roomID: room, txnID: MatrixClient.randomTransactionID(), content: RoomMessageContent(text: text))
            var found: String?
            _ = await eventually(.seconds(30)) {
                let events = (try? await person.events(in: room, after: start)) ?? []
                found = events.first { $0.sender == env.botUser && ($0.body ?? "").contains(expected) }?.body
                return found != nil
            }
            since = try await person.client.sync(since: nil, filterID: nil, timeout: .zero).nextBatch
            return try #require(found, "no answer containing \"\(expected)\" to \"\(text)\"")
        }

        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? .current
        func day(_ offset: Int) -> String {
            let d = utc.date(byAdding: .day, value: offset, to: Date()) ?? Date()
            let c = utc.dateComponents([.year, .month, .day], from: d)
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        let coaches = env.coachesRoom
        _ = try await say("ran 50 min 9 km rpe 4", as: alice, in: room, since: &aliceSince, expecting: "Logged: 9 km")
        _ = try await say("profile \(name) years_running=4 lactate_meter=yes", as: coach, in: coaches, since: &coachSince, expecting: "Profile of")
        let test = try await say("lactate \(name) \(day(-3)) run: rest 0.9, 10 1.1 128, 12 1.4 140, 14 2.0 152, 16 3.4 165, 18 6.8 178",
                                 as: coach, in: coaches, since: &coachSince, expecting: "LT2")
        #expect(test.contains("LT2 15.44 km/h (3:53 /km), 2.87 mmol/L, HR 162"), "\(test)")
        let preview = try await say("program \(name) marathon \(day(91)) polarized 50km", as: coach, in: coaches, since: &coachSince, expecting: "Program for")
        #expect(preview.contains("Validation:") && preview.contains("send `program \(name) confirm` to write it"), "\(preview)")
        _ = try await say("program \(name) confirm", as: coach, in: coaches, since: &coachSince, expecting: "is written")
        _ = try await say("plan \(name) \(day(0)) intervals 60min", as: coach, in: coaches, since: &coachSince, expecting: "Planned for")

        let checkin = try await say("hrv 52 sleep 4 very tired", as: alice, in: room, since: &aliceSince, expecting: "Readiness")
        #expect(checkin.contains("reduce intensity"), "\(checkin)")
        #expect(checkin.contains("intervals 60 min: one zone easier than planned, RPE 6 at most in zone 3, 13.6–15.4 km/h (3:53–4:25 /km), HR 150–162"),
                "\(checkin)")
        _ = try await say("ran 45 min 8 km rpe 4", as: alice, in: room, since: &aliceSince, expecting: "Logged: 8 km")
        let progress = try await say("progress \(name)", as: coach, in: coaches, since: &coachSince, expecting: "Progress for")
        print("workflow 1 on Matrix:\n\(checkin)\n\(progress)")
        #expect(progress.contains("done 2, 17 km, 95 min"), "\(progress)")
        #expect(progress.contains("Latest LT2: 15.44 km/h") && progress.contains("Program: marathon \(day(91))"), "\(progress)")
    }
}
