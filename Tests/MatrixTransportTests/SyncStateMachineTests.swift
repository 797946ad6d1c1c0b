import CoachCore
import Testing

@testable import MatrixTransport

@Suite struct SyncStateMachineTests {
    let config = SyncStateMachine.Configuration(
        botUserID: "@coachbot:localhost", allowedInviters: ["@alice:localhost", "@erik:localhost", "@bob:localhost"])

    @Test func firstStartTakesOnlyTheTokenAndAllowedInvites() throws {
        var machine = SyncStateMachine(configuration: config, since: nil)
        let plan = machine.plan(for: try decode(SyncResponse.self, "sync_initial"))
        #expect(plan.messages.isEmpty, "history from before the bot ran is not answered")
        #expect(plan.backfills.isEmpty)
        #expect(plan.joins == ["!aliceroom:localhost"], "mallory is not on the roster")
        #expect(plan.nextSince == "s72594_4483_1934")
        #expect(machine.since == nil, "the token advances only on commit")
        machine.commit(plan)
        #expect(machine.since == "s72594_4483_1934")
    }

    @Test func directRoomsFromAccountDataAndJoinedInvites() throws {
        var machine = SyncStateMachine(configuration: config, since: nil)
        _ = machine.plan(for: try decode(SyncResponse.self, "sync_initial"))
        #expect(machine.directRooms == ["@erik:localhost": ["!erikroom:localhost"]])
        machine.joined("!aliceroom:localhost")
        #expect(machine.directRooms["@alice:localhost"] == ["!aliceroom:localhost"])
        #expect(machine.pendingInvites.isEmpty)
    }

    @Test func pendingInvitesAreRetriedUntilJoinedOrDropped() throws {
        var machine = SyncStateMachine(configuration: config, since: nil)
        let sync = try decode(SyncResponse.self, "sync_initial")
        machine.commit(machine.plan(for: sync))
        let empty = SyncResponse(nextBatch: "s2", rooms: nil, accountData: nil)
        #expect(machine.plan(for: empty).joins == ["!aliceroom:localhost"])
        machine.dropInvite("!aliceroom:localhost")
        #expect(machine.plan(for: empty).joins.isEmpty)
    }

    @Test func incrementalSyncHandsOverOnlyTextFromOthers() throws {
        var machine = SyncStateMachine(configuration: config, since: "s72594_4483_1934")
        let plan = machine.plan(for: try decode(SyncResponse.self, "sync_incremental"))
        #expect(plan.messages.map(\.messageID) == ["$a1", "$a2", "$e3"])
        let first = try #require(plan.messages.first)
        #expect(first == IncomingMessage(
            network: "matrix", room: "!aliceroom:localhost", sender: "@alice:localhost",
            text: "sleep 7 soreness 3", messageID: "$a1", time: 1_700_000_200))
        #expect(plan.messages[1].text == "also my knee hurts", "the reply fallback quote is stripped")
    }

    @Test func limitedTimelineAsksForBackfillToThePreviousToken() throws {
        var machine = SyncStateMachine(configuration: config, since: "s72594_4483_1934")
        let plan = machine.plan(for: try decode(SyncResponse.self, "sync_incremental"))
        #expect(plan.backfills == [.init(roomID: "!erikroom:localhost", from: "t36-gap_0_0", to: "s72594_4483_1934")])
    }

    @Test func backfillPagesUntilTheGapIsClosed() throws {
        let machine = SyncStateMachine(configuration: config, since: "s1")
        let request = SyncStateMachine.BackfillRequest(roomID: "!erikroom:localhost", from: "t36-gap_0_0", to: "s1")
        let first = machine.backfillPage(request, page: try decode(MessagesResponse.self, "messages_page1"), pageIndex: 0)
        #expect(first.messages.map(\.messageID) == ["$e2"], "the bot's own notice is skipped")
        let next = try #require(first.next)
        #expect(next.from == "t30-page2_0_0")
        #expect(next.to == "s1")
        let second = machine.backfillPage(next, page: try decode(MessagesResponse.self, "messages_page2"), pageIndex: 1)
        #expect(second.messages.map(\.messageID) == ["$e1"])
        #expect(second.next == nil, "no `end`: the gap is closed")
    }

    @Test func backfillStopsAtThePageLimit() throws {
        let small = SyncStateMachine(
            configuration: .init(botUserID: "@coachbot:localhost", allowedInviters: [], maxBackfillPages: 1), since: "s1")
        let request = SyncStateMachine.BackfillRequest(roomID: "!r", from: "a", to: "s1")
        let result = small.backfillPage(request, page: try decode(MessagesResponse.self, "messages_page1"), pageIndex: 0)
        #expect(result.next == nil)
    }

    @Test func emptyPageEndsBackfill() {
        let machine = SyncStateMachine(configuration: config, since: "s1")
        let request = SyncStateMachine.BackfillRequest(roomID: "!r", from: "a", to: "s1")
        #expect(machine.backfillPage(request, page: MessagesResponse(chunk: [], end: "b"), pageIndex: 0).next == nil)
    }

    @Test func roomJoinedInThisSyncAnswersOnlyWhatCameAfterTheJoin() throws {
        var machine = SyncStateMachine(configuration: config, since: "s1")
        let plan = machine.plan(for: try decode(SyncResponse.self, "sync_newly_joined"))
        #expect(plan.messages.map(\.messageID) == ["$before_rename", "$m_new"])
        #expect(plan.backfills.isEmpty, "the gap before the join is history, not missed messages")
    }

    @Test func backfillEndsAtTheBotsOwnJoin() throws {
        let machine = SyncStateMachine(configuration: config, since: "s1")
        let request = SyncStateMachine.BackfillRequest(roomID: "!majaroom:localhost", from: "t50_0_0", to: "s1")
        let result = machine.backfillPage(request, page: try decode(MessagesResponse.self, "messages_with_join"), pageIndex: 0)
        #expect(result.messages.map(\.messageID) == ["$after"])
        #expect(result.next == nil)
    }

    @Test func inviteFromStrangerIsIgnoredEvenLater() throws {
        var machine = SyncStateMachine(
            configuration: .init(botUserID: "@coachbot:localhost", allowedInviters: []), since: "s1")
        #expect(machine.plan(for: try decode(SyncResponse.self, "sync_initial")).joins.isEmpty)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("> <@a:b> quoted\n\nmine", "mine"),
        ("> one\n> two\n\nmine\nmore", "mine\nmore"),
        ("> only quote", "> only quote"),
    ])
    func replyFallbackStripping(input: String, expected: String) {
        #expect(SyncStateMachine.stripReplyFallback(input) == expected)
    }
}
