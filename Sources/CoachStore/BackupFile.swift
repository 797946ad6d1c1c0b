import Crypto
import Foundation

/// The 32-byte AES-256-GCM key that encrypts backups, read from the `[backup] key_file`.
///
/// The file holds 32 raw bytes (`head -c 32 /dev/urandom > backup.key`) or the same as 64 hex
/// digits (`openssl rand -hex 32`), so either way of making one works.
public struct BackupKey: Sendable {
    /// The raw bytes (`SymmetricKey` is not `Sendable`; one is made for each use).
    private let bytes: Data
    var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A short fingerprint of the key, stored in each backup's header so a restore with another
    /// key is refused by name ("encrypted with key 3f2a…") instead of as a damaged file. It is a
    /// hash of the key and says nothing about the key itself.
    public let id: String

    public init(bytes: Data) throws {
        guard bytes.count == 32 else {
            throw BackupError.badKey("the key must be 32 bytes (got \(bytes.count)); make one with `head -c 32 /dev/urandom > backup.key`")
        }
        self.bytes = bytes
        var hasher = SHA256()
        hasher.update(data: Data("coachbot-backup-key-id".utf8))
        hasher.update(data: bytes)
        id = Hex.string(hasher.finalize().prefix(8))
    }

    /// Reads a key file: 32 raw bytes, or 64 hex digits (surrounding whitespace ignored).
    public init(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BackupError.badKey("cannot read the key file \(path); check the path and that coachbot may read it")
        }
        if data.count == 32 {
            try self.init(bytes: data)
            return
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let bytes = Hex.data(text), bytes.count == 32 {
            try self.init(bytes: bytes)
            return
        }
        throw BackupError.badKey("the key file \(path) must hold 32 random bytes or 64 hex digits (got \(data.count) bytes); make one with `head -c 32 /dev/urandom > \(path)`")
    }
}

/// What a backup's header records: enough to verify a restore without the source.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// When it was taken (seconds since 1970).
    public var created: Double
    /// The schema version of the copied database.
    public var schema: Int
    /// The key's fingerprint, nil for a plain backup.
    public var keyID: String?
    /// Rows per table in the consistent snapshot that was copied.
    public var rows: [String: Int]
    /// The size of the payload that follows the header (to tell a truncated file by name).
    public var payloadBytes: Int

    public var encrypted: Bool { keyID != nil }
    public var totalRows: Int { rows.values.reduce(0, +) }
}

/// Why a backup was refused, each with what to do about it.
public enum BackupError: Error, CustomStringConvertible, Sendable, Equatable {
    case badKey(String)
    case keyNeeded(path: String)
    case wrongKey(path: String, backupKey: String, givenKey: String)
    case damaged(path: String, reason: String)
    case truncated(path: String, expected: Int, actual: Int)
    case notABackup(path: String)
    case rowCountsDiffer(path: String, table: String, expected: Int, actual: Int)
    case config(String)

    public var description: String {
        switch self {
        case let .badKey(reason): return "backup key: \(reason)"
        case let .keyNeeded(path):
            return "backup \(path) is encrypted; pass the key file (--key-file FILE, or [backup] key_file in the config)"
        case let .wrongKey(path, backupKey, givenKey):
            return "backup \(path) was encrypted with another key (key id \(backupKey), this key is \(givenKey)); use the key file that was in use when it was taken"
        case let .damaged(path, reason):
            return "backup \(path) is damaged (\(reason)); nothing was restored, use another backup"
        case let .truncated(path, expected, actual):
            return "backup \(path) is truncated (\(actual) of \(expected) payload bytes); nothing was restored, use another backup"
        case let .notABackup(path):
            return "\(path) is not a coachbot backup (no coachbot-backup header and not a SQLite file)"
        case let .rowCountsDiffer(path, table, expected, actual):
            return "backup \(path) restores \(actual) rows of \(table) but \(expected) were copied; nothing was restored, use another backup"
        case let .config(reason): return "[backup] \(reason)"
        }
    }
}

/// The backup file format: one header line naming the format, one line of JSON manifest, then
/// the payload: the SQLite file, or `nonce ‖ ciphertext ‖ tag` of AES-256-GCM with the two header
/// lines as authenticated data (so the row counts cannot be changed unnoticed either).
enum BackupFile {
    static let magic = "coachbot-backup 1\n"
    static let sqliteMagic = Data("SQLite format 3\0".utf8)

    static func encode(database: Data, manifest: BackupManifest, key: BackupKey?) throws -> Data {
        var manifest = manifest
        manifest.keyID = key?.id
        let payload: Data
        if let key {
            let sealed = try AES.GCM.seal(database, using: key.key, authenticating: header(manifest: manifest, payloadBytes: database.count + 28))
            guard let combined = sealed.combined else { throw BackupError.badKey("AES-GCM did not produce a combined box") }
            payload = combined
        } else {
            payload = database
        }
        return header(manifest: manifest, payloadBytes: payload.count) + payload
    }

    private static func header(manifest: BackupManifest, payloadBytes: Int) -> Data {
        var manifest = manifest
        manifest.payloadBytes = payloadBytes
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(manifest)) ?? Data("{}".utf8)
        return Data(magic.utf8) + json + Data("\n".utf8)
    }

    /// Splits a file into its manifest and payload, checking the payload's length.
    static func split(_ data: Data, path: String) throws -> (manifest: BackupManifest, header: Data, payload: Data) {
        let magicData = Data(magic.utf8)
        guard data.starts(with: magicData) else { throw BackupError.notABackup(path: path) }
        let rest = data.dropFirst(magicData.count)
        guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")),
              let manifest = try? JSONDecoder().decode(BackupManifest.self, from: Data(rest[rest.startIndex..<newline])) else {
            throw BackupError.damaged(path: path, reason: "the header cannot be read")
        }
        let header = Data(data[data.startIndex...newline])
        let payload = Data(data[(newline + 1)...])
        if payload.count < manifest.payloadBytes {
            throw BackupError.truncated(path: path, expected: manifest.payloadBytes, actual: payload.count)
        }
        if payload.count > manifest.payloadBytes {
            throw BackupError.damaged(path: path, reason: "\(payload.count - manifest.payloadBytes) bytes more than the header says")
        }
        return (manifest, header, payload)
    }

    /// The SQLite bytes of a backup: decrypted and authenticated when it is encrypted.
    static func decode(_ data: Data, path: String, key: BackupKey?) throws -> (manifest: BackupManifest, database: Data) {
        let (manifest, header, payload) = try split(data, path: path)
        guard let keyID = manifest.keyID else { return (manifest, payload) }
        guard let key else { throw BackupError.keyNeeded(path: path) }
        guard key.id == keyID else { throw BackupError.wrongKey(path: path, backupKey: keyID, givenKey: key.id) }
        do {
            let box = try AES.GCM.SealedBox(combined: payload)
            return (manifest, try AES.GCM.open(box, using: key.key, authenticating: header))
        } catch {
            throw BackupError.damaged(path: path, reason: "decryption failed its authentication check")
        }
    }
}

/// Lower-case hex, both ways.
enum Hex {
    static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func data(_ text: String) -> Data? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out = Data(capacity: chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
