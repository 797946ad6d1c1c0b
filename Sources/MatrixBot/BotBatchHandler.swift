import CoachBot
import CoachCore
import CoachStore
import Conversation
import Foundation
import Logging
import MatrixTransport

/// Hands a sync batch to the bot and commits, in ONE SQLite transaction, the bot's changes, its
/// replies (queued in the outbox with transaction ids fixed now), the processed event ids and
/// the next sync token. A crash before the commit loses nothing (the batch comes again from the
/// old token); a crash after it sends nothing twice (the ids are processed, the outbox keeps
/// each reply's transaction id, and the homeserver deduplicates a resend).
public struct BotBatchHandler: MatrixBatchHandler {
    public static let network = "matrix"
    public let bot: Bot
    /// The clock, injectable for tests.
    public let now: @Sendable () -> Double
    let logger: Logger

    public init(bot: Bot, logger: Logger = Logger(label: "coachbot.matrix.handler"), now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.bot = bot
        self.logger = logger
        self.now = now
    }

    public func handle(batch: [IncomingMessage], nextSince: String) throws {
        let time = now()
        let started = ContinuousClock.now
        defer {
            if !batch.isEmpty {
                // Bot-side processing time (bot core + one commit); `coachbot bench matrix` reads it.
                let elapsed = ContinuousClock.now - started
                let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                logger.debug("matrix batch committed", metadata: ["events": "\(batch.count)", "ms": "\(String(format: "%.3f", ms))"])
            }
        }
        try bot.store.write { db in
            for message in batch {
                guard try db.markProcessed(eventID: message.messageID, at: time) else { continue }
                for (i, reply) in try bot.handle(message, in: db).enumerated() {
                    let txn = OutboxEntry.transactionID(sourceEventID: message.messageID, index: i)
                    try db.enqueueOutbox(txnID: txn, roomID: reply.room, body: reply.text, html: reply.html ?? NoticeHTML.render(reply.text),
                                         replyTo: reply.replyTo, at: time)
                }
            }
            // Timed messages (the missed-check-in alert) ride on the same commit.
            let last = try db.syncValue(SQLiteMatrixState.Key.lastTick).flatMap(Double.init) ?? time
            for (i, message) in try bot.tick(from: last, to: time, network: Self.network, in: db).enumerated() {
                try db.enqueueOutbox(txnID: "cb1-tick-\(Int(time))-\(i)", roomID: message.room, body: message.text,
                                     html: message.html ?? NoticeHTML.render(message.text), at: time)
            }
            try db.setSyncValue(SQLiteMatrixState.Key.lastTick, String(time))
            try db.setSyncValue(SQLiteMatrixState.Key.since, nextSince)
        }
    }
}
