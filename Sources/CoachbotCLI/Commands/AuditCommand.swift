import ArgumentParser
import CoachStore
import Foundation

/// `coachbot audit`: who read or changed whose data, and proof that nobody edited that record.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List the audit (who read or changed an athlete's data; roster and backup actions) or verify its hash chain.",
        subcommands: [List.self, Verify.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit rows, oldest first.",
            discussion: "Rows hold who, role, action, which athlete, network and room: never health values or message text.")
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Only rows about this athlete (handle).", valueName: "HANDLE")) var athlete: String?
        @Option(help: ArgumentHelp("Only rows from this day on (YYYY-MM-DD, UTC) or an ISO 8601 instant.", valueName: "DATE")) var since: String?
        @Flag(help: "One JSON object per line.") var json = false

        func run() throws {
            try reportingErrors {
                let from = try since.map(AuditCommand.instant)
                let rows = try store.open().read { db in try db.auditEntries(athlete: athlete, since: from) }
                let format = ISO8601DateFormatter()
                for row in rows {
                    if json {
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                        print(String(decoding: try encoder.encode(row), as: UTF8.self))
                    } else {
                        let when = format.string(from: Date(timeIntervalSince1970: row.at))
                        let fields = [row.athlete.map { "athlete=\($0)" }, row.network.map { "network=\($0)" }, row.room.map { "room=\($0)" },
                                      row.detail.map { "detail=\($0)" }].compactMap { $0 }
                        print(([String(row.id), when, "\(row.actor)(\(row.actorRole))", row.action] + fields).joined(separator: " "))
                    }
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit's hash chain; name the first changed, deleted or inserted row.",
            discussion: "Prints `ok: N rows, head ID:HASH` (keep the head somewhere else, and pass it back with --head, to detect a truncated tail), or the first problem and exits with status 1.")
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("A head kept elsewhere (the `audit_head` of a `backup verified` log line, or an earlier `ok` line): the row must still be there with that hash.", valueName: "ID:HASH"))
        var head: String?

        func run() throws {
            try reportingErrors {
                let rows = try store.open().read { db in try db.auditEntries() }
                var problem = AuditChain.verify(rows)
                if let head {
                    let parts = head.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, let id = Int64(parts[0]) else { throw ValidationError("--head should be ID:HASH (got \"\(head)\")") }
                    problem = AuditChain.verify(rows, head: (id, String(parts[1])))
                }
                if let problem {
                    print("audit chain broken: \(problem)")
                    throw ExitCode.failure
                }
                print("ok: \(rows.count) rows, head \(rows.last.map { "\($0.id):\($0.hash)" } ?? "none")")
            }
        }
    }

    /// `2026-11-01` (midnight UTC) or a full ISO 8601 instant.
    static func instant(_ text: String) throws -> Double {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date.timeIntervalSince1970 }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date.timeIntervalSince1970 }
        throw ValidationError("--since should be a date like 2026-11-01 (got \"\(text)\")")
    }
}
