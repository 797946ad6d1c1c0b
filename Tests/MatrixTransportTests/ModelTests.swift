import CoachCore
import Foundation
import Testing

@testable import MatrixTransport

@Suite struct ModelTests {
    @Test func loginAndWhoami() throws {
        let login = try decode(LoginResponse.self, "login")
        #expect(login.userID == "@coachbot:localhost")
        #expect(login.deviceID == "COACHBOT1")
        #expect(login.accessToken.hasPrefix("syt_"))
        let who = try decode(WhoAmIResponse.self, "whoami")
        #expect(who.userID == "@coachbot:localhost")
    }

    @Test func loginRequestShape() throws {
        let json = try jsonObject(LoginRequest(user: "coachbot", password: "pw", deviceID: "DEV"))
        #expect(json["type"] as? String == "m.login.password")
        let identifier = try #require(json["identifier"] as? [String: Any])
        #expect(identifier["type"] as? String == "m.id.user")
        #expect(identifier["user"] as? String == "coachbot")
        #expect(json["device_id"] as? String == "DEV")
    }

    @Test func syncDecodesTimelinesInvitesAndAccountData() throws {
        let sync = try decode(SyncResponse.self, "sync_initial")
        #expect(sync.nextBatch == "s72594_4483_1934")
        let erik = try #require(sync.rooms?.join?["!erikroom:localhost"]?.timeline)
        #expect(erik.limited)
        #expect(erik.prevBatch == "t34-23535_0_0")
        #expect(sync.rooms?.invite?.count == 2)
        #expect(sync.accountData?.events?.first?.type == "m.direct")
    }

    @Test func mistypedContentDoesNotFailTheSync() throws {
        let sync = try decode(SyncResponse.self, "sync_incremental")
        let events = try #require(sync.rooms?.join?["!aliceroom:localhost"]?.timeline?.events)
        let weird = try #require(events.first { $0.eventID == "$weird" })
        #expect(weird.content["body"]?.string == nil)
        #expect(weird.content["body"]?.number == 42)
    }

    @Test func messagesPages() throws {
        let page1 = try decode(MessagesResponse.self, "messages_page1")
        #expect(page1.end == "t30-page2_0_0")
        #expect(page1.chunk.count == 2)
        let page2 = try decode(MessagesResponse.self, "messages_page2")
        #expect(page2.end == nil)
    }

    @Test func smallResponses() throws {
        #expect(try decode(FilterResponse.self, "filter").filterID == "0")
        #expect(try decode(SendResponse.self, "send").eventID == "$YUwRidLecu:localhost")
        #expect(try decode(RoomIDResponse.self, "createRoom").roomID == "!newroom:localhost")
        #expect(try decode(DirectoryResponse.self, "directory").roomID == "!coaches:localhost")
        let error = try decode(MatrixErrorBody.self, "error_429")
        #expect(error.errcode == "M_LIMIT_EXCEEDED")
        #expect(error.retryAfterMS == 2500)
    }

    @Test func noticeReplyContent() throws {
        let content = RoomMessageContent(OutgoingMessage(room: "!r", text: "Rest today.", html: "<b>Rest</b> today.", replyTo: "$a1"))
        let json = try jsonObject(content)
        #expect(json["msgtype"] as? String == "m.notice")
        #expect(json["body"] as? String == "Rest today.")
        #expect(json["format"] as? String == "org.matrix.custom.html")
        #expect(json["formatted_body"] as? String == "<b>Rest</b> today.")
        let relates = try #require(json["m.relates_to"] as? [String: Any])
        let inReply = try #require(relates["m.in_reply_to"] as? [String: Any])
        #expect(inReply["event_id"] as? String == "$a1")
    }

    @Test func plainNoticeHasNoFormatOrRelation() throws {
        let json = try jsonObject(RoomMessageContent(notice: "hi"))
        #expect(json["format"] == nil)
        #expect(json["formatted_body"] == nil)
        #expect(json["m.relates_to"] == nil)
    }

    @Test func createRoomIsDirect() throws {
        let json = try jsonObject(CreateRoomRequest(invite: ["@alice:localhost"]))
        #expect(json["is_direct"] as? Bool == true)
        #expect(json["invite"] as? [String] == ["@alice:localhost"])
    }

    @Test func filterKeepsMessagesAndMemberships() throws {
        let json = try jsonObject(SyncFilter.coachbot())
        let room = try #require(json["room"] as? [String: Any])
        let timeline = try #require(room["timeline"] as? [String: Any])
        #expect(timeline["types"] as? [String] == ["m.room.message", "m.room.member"])
        let accountData = try #require(json["account_data"] as? [String: Any])
        #expect(accountData["types"] as? [String] == ["m.direct"])
    }

    @Test func pathSegmentsArePercentEncoded() {
        #expect(MatrixClient.segment("!abc:localhost") == "%21abc%3Alocalhost")
        #expect(MatrixClient.segment("#coaches:localhost") == "%23coaches%3Alocalhost")
        #expect(MatrixClient.segment("cb1-00ff-0") == "cb1-00ff-0")
        #expect(MatrixClient.segment("a/b?c") == "a%2Fb%3Fc")
    }

    @Test func errorFromResponse() throws {
        let body = try decode(MatrixErrorBody.self, "error_429")
        let error = MatrixError.from(status: 429, headers: nil, body: body)
        #expect(error == .server(status: 429, errcode: "M_LIMIT_EXCEEDED", message: "Too Many Requests", retryAfter: .milliseconds(2500)))
        let withHeader = MatrixError.from(status: 429, headers: " 3 ", body: body)
        #expect(withHeader == .server(status: 429, errcode: "M_LIMIT_EXCEEDED", message: "Too Many Requests", retryAfter: .seconds(3)))
    }
}
