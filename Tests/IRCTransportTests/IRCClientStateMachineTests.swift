import ChatPipeline
import Foundation
import Testing

@testable import IRCTransport

/// Registration, CAP and SASL against recorded server lines (InspIRCd 3 + Atheme).
@Suite struct IRCClientStateMachineTests {
    static func config(_ mechanism: IRCClientStateMachine.SASLMechanism = .scramSHA256) -> IRCClientStateMachine.Configuration {
        .init(nick: "coachbot", mechanism: mechanism, account: "coachbot", password: "pencil", channels: [("#coaches", "k3y")])
    }

    func sent(_ actions: [IRCClientStateMachine.Action]) -> [String] {
        actions.compactMap { if case .send(let m) = $0 { return m.line } else { return nil } }
    }

    func feed(_ machine: inout IRCClientStateMachine, _ line: String, now: Double = 0) -> [IRCClientStateMachine.Action] {
        machine.received(IRCMessage(line: line)!, now: now)
    }

    @Test func multiLineCapLSThenOnlyOfferedCapsThenPlainSASLThenJoin() {
        var m = IRCClientStateMachine(configuration: Self.config(.plain))
        #expect(sent(m.connected(now: 0, nonce: "n")) == ["CAP LS 302", "NICK coachbot", "USER coachbot 0 * coachbot"])
        #expect(feed(&m, ":irc.local CAP * LS * :account-notify account-tag away-notify batch cap-notify").isEmpty)
        let req = sent(feed(&m, ":irc.local CAP * LS :echo-message extended-join message-tags sasl=PLAIN,EXTERNAL,SCRAM-SHA-256 server-time"))
        #expect(req == ["CAP REQ :account-notify account-tag batch cap-notify echo-message extended-join message-tags sasl server-time"])
        #expect(sent(feed(&m, ":irc.local CAP * ACK :account-notify account-tag batch cap-notify echo-message extended-join message-tags sasl server-time"))
            == ["AUTHENTICATE PLAIN"])
        let plain = sent(feed(&m, "AUTHENTICATE :+"))
        #expect(plain == ["AUTHENTICATE " + Data("\0coachbot\0pencil".utf8).base64EncodedString()])
        #expect(feed(&m, ":irc.local 900 coachbot coachbot!coachbot@127.0.0.1 coachbot :You are now logged in as coachbot").isEmpty)
        #expect(sent(feed(&m, ":irc.local 903 coachbot :SASL authentication successful")) == ["CAP END"])
        let welcome = feed(&m, ":irc.local 001 coachbot :Welcome to the network")
        #expect(welcome.first == .registered(nick: "coachbot"))
        #expect(sent(welcome) == ["JOIN #coaches k3y", "USERHOST coachbot"])
        #expect(m.isRegistered)
    }

    @Test func scramSHA256ExchangeWithTheRFC7677Vectors() {
        var m = IRCClientStateMachine(configuration: .init(nick: "coachbot", mechanism: .scramSHA256, account: "user", password: "pencil"))
        _ = m.connected(now: 0, nonce: "rOprNGfwEbeRWgbNEkqO")
        _ = feed(&m, "CAP * LS :sasl=SCRAM-SHA-256")
        #expect(sent(feed(&m, "CAP * ACK :sasl")) == ["AUTHENTICATE SCRAM-SHA-256"])
        let first = sent(feed(&m, "AUTHENTICATE +"))
        #expect(first == ["AUTHENTICATE " + Data("n,,n=user,r=rOprNGfwEbeRWgbNEkqO".utf8).base64EncodedString()])
        let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
        let final = sent(feed(&m, "AUTHENTICATE " + Data(serverFirst.utf8).base64EncodedString()))
        let expected = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        #expect(final == ["AUTHENTICATE " + Data(expected.utf8).base64EncodedString()])
        let ok = sent(feed(&m, "AUTHENTICATE " + Data("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".utf8).base64EncodedString()))
        #expect(ok == ["AUTHENTICATE +"])
        #expect(sent(feed(&m, ":s 903 coachbot :SASL authentication successful")) == ["CAP END"])
    }

    @Test func aForgedServerSignatureFailsClosed() {
        var m = IRCClientStateMachine(configuration: .init(nick: "coachbot", mechanism: .scramSHA256, account: "user", password: "pencil"))
        _ = m.connected(now: 0, nonce: "rOprNGfwEbeRWgbNEkqO")
        _ = feed(&m, "CAP * LS :sasl")
        _ = feed(&m, "CAP * ACK :sasl")
        _ = feed(&m, "AUTHENTICATE +")
        _ = feed(&m, "AUTHENTICATE " + Data("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096".utf8).base64EncodedString())
        let actions = feed(&m, "AUTHENTICATE " + Data("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".utf8).base64EncodedString())
        guard case .fail(let exit) = actions.first else { Issue.record("went on: \(actions)"); return }
        #expect(exit.exitCode == 75)
    }

    @Test func aRejectedPasswordOrNoSASLStopsTheBot() {
        var m = IRCClientStateMachine(configuration: Self.config(.plain))
        _ = m.connected(now: 0, nonce: "n")
        _ = feed(&m, "CAP * LS :sasl=PLAIN")
        _ = feed(&m, "CAP * ACK :sasl")
        _ = feed(&m, "AUTHENTICATE +")
        guard case .fail(let exit) = feed(&m, ":s 904 coachbot :SASL authentication failed").first else { Issue.record("no failure"); return }
        #expect(exit.exitCode == 75)

        var n = IRCClientStateMachine(configuration: Self.config())
        _ = n.connected(now: 0, nonce: "n")
        guard case .fail(let none) = feed(&n, "CAP * LS :message-tags server-time").first else { Issue.record("ran without SASL"); return }
        #expect(none.exitCode == 77)

        var o = IRCClientStateMachine(configuration: Self.config(.external))
        _ = o.connected(now: 0, nonce: "n")
        guard case .fail(let mech) = feed(&o, "CAP * LS :sasl=PLAIN,SCRAM-SHA-256").first else { Issue.record("mechanism not checked"); return }
        #expect(mech.message.contains("PLAIN,SCRAM-SHA-256"))
    }

    /// After a server restart InspIRCd accepts clients before Atheme has relinked, and offers no
    /// SASL until it has: a bot that logged in before waits and tries again instead of exiting.
    @Test func noSASLAfterARestartIsRetriedNotFatal() {
        var m = IRCClientStateMachine(configuration: Self.config(.plain))
        _ = m.connected(now: 0, nonce: "n")
        _ = feed(&m, "CAP * LS :sasl=PLAIN")
        _ = feed(&m, "CAP * ACK :sasl")
        _ = feed(&m, "AUTHENTICATE +")
        _ = feed(&m, ":s 903 coachbot :SASL authentication successful")
        #expect(feed(&m, ":s 001 coachbot :Welcome").first == .registered(nick: "coachbot"))
        _ = m.connected(now: 10, nonce: "n")
        let relinking = feed(&m, "CAP * LS :message-tags server-time")
        guard case .reconnect(let reason) = relinking.first else { Issue.record("not retried: \(relinking)"); return }
        #expect(reason.contains("no SASL"))
        #expect(!m.isRegistered)
    }

    @Test func aNakIsRetriedCapByCapAndCapNotifyIsFollowed() {
        var m = IRCClientStateMachine(configuration: Self.config(.plain))
        _ = m.connected(now: 0, nonce: "n")
        _ = feed(&m, "CAP * LS :sasl server-time")
        #expect(sent(feed(&m, "CAP * NAK :sasl server-time")) == ["CAP REQ sasl"])
        #expect(sent(feed(&m, "CAP * ACK :sasl")) == ["CAP REQ server-time"])
        #expect(sent(feed(&m, "CAP * NAK :server-time")) == ["AUTHENTICATE PLAIN"])
        #expect(!m.enabled.contains("server-time"))
        #expect(sent(feed(&m, "CAP coachbot NEW :account-tag foo")) == ["CAP REQ account-tag"])
        _ = feed(&m, "CAP coachbot ACK :account-tag")
        #expect(m.enabled.contains("account-tag"))
        _ = feed(&m, "CAP coachbot DEL :account-tag")
        #expect(!m.enabled.contains("account-tag"))
    }

    @Test func chunkedAuthenticatePayloadsOf400Bytes() {
        let long = String(repeating: "x", count: 300)  // 400 base64 bytes exactly
        let actions = IRCClientStateMachine.chunks(long)
        #expect(sent(actions).count == 2 && sent(actions).last == "AUTHENTICATE +")
        #expect(sent(IRCClientStateMachine.chunks(String(repeating: "y", count: 500))).map(\.utf8.count) == [13 + 400, 13 + 268])
        #expect(sent(IRCClientStateMachine.chunks("")) == ["AUTHENTICATE +"])
    }

    @Test func nickCollisionFallsBackThenRegains() {
        var m = IRCClientStateMachine(configuration: Self.config(.plain))
        _ = m.connected(now: 0, nonce: "n")
        #expect(sent(feed(&m, ":s 433 * coachbot :Nickname is already in use")) == ["NICK coachbot_"])
        _ = feed(&m, ":s 001 coachbot_ :Welcome")
        #expect(m.nick == "coachbot_")
        #expect(sent(m.tick(now: 31)).contains("NICK coachbot"))
        _ = feed(&m, ":coachbot_!u@h NICK coachbot", now: 32)
        #expect(m.nick == "coachbot")
        #expect(!sent(m.tick(now: 70)).contains("NICK coachbot"))
    }

    @Test func keepalivePingsWhenIdleAndGivesUpAfterSilence() {
        var m = IRCClientStateMachine(configuration: Self.config(.plain))
        _ = m.connected(now: 0, nonce: "n")
        _ = feed(&m, ":s 001 coachbot :Welcome", now: 0)
        #expect(sent(m.tick(now: 59)).isEmpty)
        #expect(sent(m.tick(now: 60)) == ["PING keepalive"])
        #expect(sent(m.tick(now: 90)).isEmpty, "one PING outstanding at a time")
        #expect(sent(feed(&m, "PING :irc.local", now: 100)) == ["PONG irc.local"])
        #expect(m.tick(now: 221) == [.reconnect("no data from the server for 121 s")])
    }
}
