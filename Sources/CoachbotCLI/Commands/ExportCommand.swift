import ArgumentParser
import CoachStore
import Foundation

/// `coachbot export NAME`: everything stored about a person, as JSON (the right of access).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write everything stored about a person as JSON (the right of access).",
        discussion: "The person, their identities and rooms, and every row of every table that names them as the athlete. The export is audited.")
    @OptionGroup var store: StoreOptions
    @Argument(help: ArgumentHelp("The person's handle.", valueName: "NAME")) var name: String
    @Option(help: ArgumentHelp("Write to FILE (mode 600) instead of standard output.", valueName: "FILE")) var output: String?

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            let json = try db.write { d -> String in
                guard let person = try d.findPerson(handle: name) else { throw StoreError.notFound("no one called “\(name)” on the roster") }
                try d.appendAudit(AuditEntry(at: Date().timeIntervalSince1970, actor: "cli", actorRole: "operator", action: "export",
                                             athlete: person.handle))
                return try d.exportJSON(person: person)
            }
            if let output {
                FileManager.default.createFile(atPath: output, contents: nil, attributes: [.posixPermissions: 0o600])
                try Data(json.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(json, terminator: "")
            }
        }
    }
}
