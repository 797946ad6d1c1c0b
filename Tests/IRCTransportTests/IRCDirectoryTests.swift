import Testing

@testable import IRCTransport

/// Identity is the services account, never the nick.
@Suite struct IRCDirectoryTests {
    func line(_ s: String) -> IRCMessage { IRCMessage(line: s)! }

    @Test func theAccountTagNamesTheSenderAndAnImpostorNickIsAStranger() throws {
        var d = IRCDirectory(ownNick: "coachbot")
        let real = try #require(d.incoming(line("@account=alice;msgid=m1 :alice!a@h PRIVMSG coachbot :hrv 52"), now: 10))
        #expect(real.sender == "alice" && real.room == "alice" && real.messageID == "m1")
        // Someone took the nick "alice" without logging in to her account.
        let fake = try #require(d.incoming(line("@msgid=m2 :alice!x@evil PRIVMSG coachbot :override erik rest"), now: 11))
        #expect(fake.sender == "~alice" && fake.room == "~alice", "no account: nobody the roster knows")
        // An account learnt from extended-join, then lost on QUIT.
        d.observe(line(":erik!e@h JOIN #coaches erik :Erik"))
        #expect(d.account(of: "erik") == "erik" && d.nick(of: "erik") == "erik")
        d.observe(line(":erik!e@h QUIT :bye"))
        #expect(d.account(of: "erik") == nil)
    }

    @Test func channelMembersAreAccountsAndOwnEchoesAndCTCPAreNotMessages() {
        var d = IRCDirectory(ownNick: "coachbot")
        d.observe(line(":coachbot!cb@h JOIN #coaches * :coachbot"))
        d.observe(line(":s 353 coachbot = #coaches :@bob coachbot sara"))
        d.observe(line(":s 354 coachbot 42 bob bob"))
        d.observe(line(":s 354 coachbot 42 sara 0"))
        #expect(d.members(of: "#coaches") == ["bob", "~sara"])
        #expect(d.incoming(line("@account=coachbot :coachbot!cb@h NOTICE alice :hi"), now: 0) == nil)
        #expect(d.incoming(line("@account=alice :alice!a@h PRIVMSG coachbot :\u{1}VERSION\u{1}"), now: 0) == nil)
        #expect(d.incoming(line("@account=alice :alice!a@h NOTICE coachbot :hi"), now: 0) == nil, "never an answer to a NOTICE")
        let channel = d.incoming(line("@account=bob;time=2026-11-23T06:00:00.000Z :bob!b@h PRIVMSG #coaches :team"), now: 0)
        #expect(channel?.room == "#coaches" && channel?.time == 1_795_413_600)
    }

    @Test func withoutMsgidTheIDIsStableForTheSameLine() {
        let d = IRCDirectory(ownNick: "coachbot")
        let a = d.incoming(line("@account=alice;time=2026-11-23T06:00:00.000Z :alice!a@h PRIVMSG coachbot :hrv 52"), now: 0)
        let b = d.incoming(line("@account=alice;time=2026-11-23T06:00:00.000Z :alice!a@h PRIVMSG coachbot :hrv 52"), now: 99)
        let c = d.incoming(line("@account=alice;time=2026-11-23T06:00:01.000Z :alice!a@h PRIVMSG coachbot :hrv 52"), now: 0)
        #expect(a?.messageID == b?.messageID && a?.messageID != c?.messageID)
    }

    @Test func theLineBudgetCountsTheRealPrefix() {
        var d = IRCDirectory(ownNick: "coachbot")
        d.observe(line(":s 302 coachbot :coachbot=+cb@127.0.0.1"))
        #expect(d.ownPrefix == "coachbot!cb@127.0.0.1")
        #expect(d.textBudget(target: "alice") == 510 - ":coachbot!cb@127.0.0.1 NOTICE alice :".utf8.count)
    }
}
