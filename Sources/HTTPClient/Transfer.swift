import CCurl
import CCurlShim
import Synchronization

/// The per-request state that curl's C callbacks write into. Owned by one transfer thread at a
/// time; only `cancelled` is touched from other threads, and it is atomic.
final class Transfer: @unchecked Sendable {
    let cancelled = Atomic<Bool>(false)
    let maxBodyBytes: Int
    var status = 0
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var tooLarge = false

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    func appendHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: "\r\n")
        if line.hasPrefix("HTTP/") {
            // A new response starts (1xx interim or a new status line): keep only the last one.
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t")
        headers.append((name, value))
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

/// C callbacks: plain functions without captures, reaching the `Transfer` through userdata.
enum Callbacks {
    static let write: ccurl_data_callback = { ptr, size, nmemb, userdata in
        guard let ptr, let userdata else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        let count = size * nmemb
        if transfer.cancelled.load(ordering: .relaxed) { return 0 }
        if transfer.body.count + count > transfer.maxBodyBytes {
            transfer.tooLarge = true
            return 0
        }
        ptr.withMemoryRebound(to: UInt8.self, capacity: count) {
            transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
        return count
    }

    static let header: ccurl_data_callback = { ptr, size, nmemb, userdata in
        guard let ptr, let userdata else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        let count = size * nmemb
        ptr.withMemoryRebound(to: UInt8.self, capacity: count) {
            transfer.appendHeaderLine(UnsafeBufferPointer(start: $0, count: count))
        }
        return count
    }

    /// Called by curl frequently, and about once a second while idle (a long-poll): returning
    /// non-zero aborts the transfer, which is how task cancellation reaches a blocked thread.
    static let progress: ccurl_xferinfo_callback = { userdata, _, _, _, _ in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
        return transfer.cancelled.load(ordering: .relaxed) ? 1 : 0
    }
}
