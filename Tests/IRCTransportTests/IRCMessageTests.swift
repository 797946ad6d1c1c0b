import Testing

@testable import IRCTransport

@Suite struct IRCMessageTests {
    @Test func parsesTagsSourceCommandAndTrailing() throws {
        let m = try #require(IRCMessage(line: #"@account=alice;msgid=abc\:1;time=2026-11-23T06:00:00.000Z :alice!a@host PRIVMSG coachbot :hrv 52 sleep 7"#))
        #expect(m.tags == ["account": "alice", "msgid": "abc;1", "time": "2026-11-23T06:00:00.000Z"])
        #expect(m.source == "alice!a@host" && m.sourceNick == "alice")
        #expect(m.command == "PRIVMSG" && m.params == ["coachbot", "hrv 52 sleep 7"])
    }

    @Test func parametersAreParsedNotMatched() throws {
        #expect(IRCMessage(line: "AUTHENTICATE :+")?.params == ["+"])
        #expect(IRCMessage(line: "AUTHENTICATE +")?.params == ["+"])
        #expect(IRCMessage(line: "ping :x y")?.command == "PING")
        #expect(IRCMessage(line: ":server 001 coachbot :Welcome")?.params == ["coachbot", "Welcome"])
        #expect(IRCMessage(line: "") == nil)
        #expect(IRCMessage(line: "@a=b ") == nil)
    }

    @Test func serialisesWithTrailingWhenNeeded() {
        #expect(IRCMessage(command: "NOTICE", params: ["alice", "Readiness 80/100"]).line == "NOTICE alice :Readiness 80/100")
        #expect(IRCMessage(command: "JOIN", params: ["#coaches", "key"]).line == "JOIN #coaches key")
        #expect(IRCMessage(tags: ["label": "a b"], command: "NOTICE", params: ["x", ":)"]).line == #"@label=a\sb NOTICE x ::)"#)
        let round = IRCMessage(line: IRCMessage(tags: ["x": "a;b\\c"], command: "PRIVMSG", params: ["#c", "hi there"]).line)
        #expect(round?.tags["x"] == "a;b\\c" && round?.params == ["#c", "hi there"])
    }
}

@Suite struct LineSplitterTests {
    @Test func neverBreaksACharacterAndStaysWithinTheBudget() {
        let swedish = String(repeating: "Återhämtning och sömn är viktiga för din träning idag — vila gärna. ", count: 25)
        #expect(swedish.utf8.count > 1_500)
        let lines = LineSplitter.split(swedish, budget: 400)
        #expect(lines.allSatisfy { $0.utf8.count <= 400 })
        #expect(lines.joined(separator: " ").split(separator: " ") == swedish.split(separator: " "), "nothing lost, words whole")
        let emoji = String(repeating: "🏃‍♀️", count: 200)
        let parts = LineSplitter.split(emoji, budget: 100)
        #expect(parts.allSatisfy { $0.utf8.count <= 100 } && parts.joined() == emoji)
    }

    @Test func eachLineOfTheReplyIsItsOwnLine() {
        #expect(LineSplitter.split("a\nb\n\nc", budget: 100) == ["a", "b", " ", "c"])
    }

    @Test func aShortReplyTravelsAsOneLine() {
        #expect(LineSplitter.lines("Readiness 80/100\nToday: easy 40 min\n", budget: 100) == ["Readiness 80/100 · Today: easy 40 min"])
        let long = String(repeating: "word ", count: 30) + "\n" + String(repeating: "more ", count: 30)
        #expect(LineSplitter.lines(long, budget: 100).count > 2)
    }
}

@Suite struct FloodBucketTests {
    @Test func burstThenRate() {
        var bucket = FloodBucket(burst: 4, rate: 1, now: 0)
        #expect((0..<4).map { _ in bucket.take(now: 0) } == [0, 0, 0, 0])
        #expect(bucket.take(now: 0) == 1)
        #expect(bucket.take(now: 0) == 2)
        #expect(bucket.take(now: 10) == 0, "refilled after a pause")
    }

    @Test func neverAboveTheRateOverALongRun() {
        var bucket = FloodBucket(burst: 4, rate: 2, now: 0)
        var sendTimes: [Double] = []
        for _ in 0..<100 { sendTimes.append(bucket.take(now: 0)) }
        #expect(sendTimes.last == 48, "100 lines: 4 at once, then 2 a second")
    }
}
