#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line in 64 KiB chunks: fast for big inputs, and bytes that are
/// not UTF-8 become U+FFFD instead of stopping the read.
enum LineReader {
    static func forEachLine(fd: Int32, _ body: (String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var pending: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            var start = 0
            for i in 0..<n where buffer[i] == 10 {
                if pending.isEmpty {
                    body(line(buffer[start..<i]))
                } else {
                    pending.append(contentsOf: buffer[start..<i])
                    body(line(pending[...]))
                    pending.removeAll(keepingCapacity: true)
                }
                start = i + 1
            }
            pending.append(contentsOf: buffer[start..<n])
        }
        if !pending.isEmpty { body(line(pending[...])) }
    }

    private static func line(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        if slice.last == 13 { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}

/// Buffers standard output and writes it in large chunks.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 17) }

    mutating func write(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
