import CoachCore

/// A reply waiting to be sent. Its transaction id is fixed when the entry is created, inside the
/// same store transaction as the batch it answers, so every retry, also after a crash or restart,
/// repeats the same `PUT …/send/m.room.message/{txnId}` and the homeserver keeps only one event.
public struct OutboxEntry: Sendable, Hashable {
    public var txnID: String
    public var message: OutgoingMessage
    /// Failed send attempts so far (for status and logs).
    public var attempts: Int

    public init(txnID: String, message: OutgoingMessage, attempts: Int = 0) {
        self.txnID = txnID
        self.message = message
        self.attempts = attempts
    }

    /// An entry for the `index`-th reply to the event `sourceEventID`. The id is derived from the
    /// event, so even a handler that runs twice for one event produces the same id.
    public init(replyTo sourceEventID: String, index: Int, message: OutgoingMessage) {
        self.init(txnID: Self.transactionID(sourceEventID: sourceEventID, index: index), message: message)
    }

    /// `cb1-<FNV-1a 64 of the event id>-<index>`: URL-safe, stable across runs and platforms.
    public static func transactionID(sourceEventID: String, index: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sourceEventID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "cb1-" + String(repeating: "0", count: 16 - hex.count) + hex + "-\(index)"
    }

    /// A fresh random id, for messages that answer no event (alerts to coaches).
    public static func randomTransactionID() -> String {
        var rng = SystemRandomNumberGenerator()
        let a = rng.next() as UInt64, b = rng.next() as UInt64
        return "cb1-r" + String(a, radix: 16) + String(b, radix: 16)
    }

    /// The content to send.
    public var content: RoomMessageContent { RoomMessageContent(message) }
}
