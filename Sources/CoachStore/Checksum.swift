import Crypto
import Foundation

/// SHA-256 checksum files in `sha256sum` format (`HEX  filename`), so operators can also
/// verify backups with `sha256sum -c`.
enum Checksum {
    /// Hex SHA-256 of a file, read in chunks so large databases do not load into memory.
    static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.io(path: path, reason: "cannot read the file")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func write(for path: String) throws {
        let line = "\(try sha256(ofFile: path))  \((path as NSString).lastPathComponent)\n"
        do {
            try line.write(toFile: path + ".sha256", atomically: true, encoding: .utf8)
        } catch {
            throw StoreError.io(path: path + ".sha256", reason: "cannot write the checksum: \(error.localizedDescription)")
        }
    }

    /// Throws unless `path.sha256` exists and matches the file.
    static func verify(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.io(path: path, reason: "no such backup file")
        }
        guard let text = try? String(contentsOfFile: path + ".sha256", encoding: .utf8) else {
            throw StoreError.checksumMissing(path: path)
        }
        let expected = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map { $0.lowercased() } ?? ""
        let actual = try sha256(ofFile: path)
        guard expected == actual else {
            throw StoreError.checksumMismatch(path: path, expected: expected.isEmpty ? "nothing" : expected, actual: actual)
        }
    }
}
