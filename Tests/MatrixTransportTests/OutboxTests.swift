import CoachCore
import Testing

@testable import MatrixTransport

@Suite struct OutboxTests {
    @Test func transactionIDIsFixedByTheAnsweredEvent() {
        let a = OutboxEntry.transactionID(sourceEventID: "$a1:localhost", index: 0)
        #expect(a == OutboxEntry.transactionID(sourceEventID: "$a1:localhost", index: 0))
        #expect(a != OutboxEntry.transactionID(sourceEventID: "$a1:localhost", index: 1))
        #expect(a != OutboxEntry.transactionID(sourceEventID: "$a2:localhost", index: 0))
        #expect(a.hasPrefix("cb1-") && a.count == "cb1-".count + 16 + 2)
        #expect(MatrixClient.segment(a) == a, "URL-safe as it is")
    }

    @Test func randomIDsDiffer() {
        #expect(OutboxEntry.randomTransactionID() != OutboxEntry.randomTransactionID())
    }

    @Test func entryContentIsANoticeReply() {
        let entry = OutboxEntry(replyTo: "$a1", index: 0, message: OutgoingMessage(room: "!r", text: "ok", replyTo: "$a1"))
        #expect(entry.content.msgtype == "m.notice")
        #expect(entry.content.relatesTo?.inReplyTo.eventID == "$a1")
    }

    @Test func storeQueuesOnceAndKeepsTheIDAcrossRetries() async {
        let store = InMemoryMatrixStateStore()
        let message = IncomingMessage(network: "matrix", room: "!r", sender: "@alice:localhost", text: "hi", messageID: "$a1", time: 1)
        let echo: @Sendable (IncomingMessage) -> [OutgoingMessage] = { [OutgoingMessage(room: $0.room, text: "echo", replyTo: $0.messageID)] }
        let fresh = await store.commit(batch: [message], replies: echo, nextSince: "s1")
        #expect(fresh.count == 1)
        let again = await store.commit(batch: [message], replies: echo, nextSince: "s2")
        #expect(again.isEmpty, "an event handled twice is answered once")
        let pending = await store.pendingOutbox(limit: 10)
        #expect(pending.count == 1)
        let txn = pending[0].txnID
        await store.recordAttempt(txnID: txn)
        #expect(await store.pendingOutbox(limit: 10).first?.txnID == txn)
        #expect(await store.pendingOutbox(limit: 10).first?.attempts == 1)
        await store.markSent(txnID: txn, eventID: "$reply")
        #expect(await store.pendingOutbox(limit: 10).isEmpty)
        #expect(await store.loadSince() == "s2")
    }

    @Test func refusedEntriesLeaveTheQueue() async {
        let store = InMemoryMatrixStateStore()
        await store.enqueue(OutboxEntry(txnID: "t1", message: OutgoingMessage(room: "!gone", text: "x")))
        await store.markFailed(txnID: "t1", reason: "M_FORBIDDEN")
        #expect(await store.pendingOutbox(limit: 10).isEmpty)
        #expect(await store.failed["t1"] == "M_FORBIDDEN")
    }

    @Test func localpartOfUserID() {
        #expect(MatrixDaemon.localpart("@coachbot:localhost") == "coachbot")
        #expect(MatrixDaemon.localpart("coachbot") == "coachbot")
    }
}
