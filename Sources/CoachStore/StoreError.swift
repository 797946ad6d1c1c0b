/// Everything the store refuses to do, each with a message a person can act on.
///
/// The CLI prints `description` as one line; the conversation engine can log it.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file was written by a newer coachbot (it has migrations this binary does not know).
    case schemaTooNew(found: Int, known: Int)
    /// The file could not be opened as a SQLite database.
    case cannotOpen(path: String, reason: String)
    /// A backup has no `.sha256` file next to it.
    case checksumMissing(path: String)
    /// A backup's SHA-256 does not match its `.sha256` file.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// `PRAGMA integrity_check` reported problems.
    case corrupt(path: String, problems: [String])
    /// A plan CSV could not be parsed or names unknown athletes (one message per bad line).
    case invalidPlan([String])
    /// A handle, athlete or row that an operation needs does not exist.
    case notFound(String)
    /// An argument the caller passed is not acceptable.
    case invalidArgument(String)
    /// A file-system operation failed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case let .schemaTooNew(found, known):
            return "database schema v\(found) is newer than this coachbot (knows up to v\(known)); upgrade coachbot or restore a backup"
        case let .cannotOpen(path, reason):
            return "cannot open database \(path): \(reason); check the path and permissions, or restore a backup"
        case let .checksumMissing(path):
            return "backup \(path) has no checksum file \(path).sha256; refusing to restore an unverified backup"
        case let .checksumMismatch(path, expected, actual):
            return "backup \(path) does not match its checksum (expected \(expected), got \(actual)); the file is damaged or was changed, use another backup"
        case let .corrupt(path, problems):
            let shown = problems.prefix(3).joined(separator: "; ")
            return "database \(path) failed the integrity check: \(shown)\(problems.count > 3 ? " (and \(problems.count - 3) more)" : ""); restore a backup"
        case let .invalidPlan(lines):
            return "plan not imported, nothing was changed: " + lines.joined(separator: "; ")
        case let .notFound(what):
            return what
        case let .invalidArgument(what):
            return what
        case let .io(path, reason):
            return "\(path): \(reason)"
        }
    }
}
