import CCurl
import CCurlShim
import Foundation
import Logging
import Synchronization

/// A small async HTTP/1.1 client over libcurl easy handles.
///
/// Why curl and not URLSession: URLSession on Linux has weak cancellation of long-polls and no
/// keep-alive control; curl is the HTTP stack the issue asks for. Each request runs its blocking
/// `curl_easy_perform` on its own thread (never on Swift's cooperative pool, which has only as
/// many threads as cores); idle easy handles are kept in a small pool so that their connections
/// stay alive between requests. TLS verification is always on and cannot be turned off.
public final class HTTPClient: Sendable {
    /// Limits of the client. The defaults suit a Matrix client.
    public struct Configuration: Sendable {
        public var connectTimeout: Duration
        /// Total time for a request, unless the request sets its own.
        public var requestTimeout: Duration
        /// Easy handles (and so connections) kept for reuse.
        public var maxIdleHandles: Int
        public var maxResponseBytes: Int
        public var userAgent: String

        public init(
            connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
            maxIdleHandles: Int = 4, maxResponseBytes: Int = 64 << 20, userAgent: String = "coachbot"
        ) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxIdleHandles = maxIdleHandles
            self.maxResponseBytes = maxResponseBytes
            self.userAgent = userAgent
        }
    }

    private struct Pool: ~Copyable {
        var idle: [EasyHandle] = []
        var closed = false
    }

    public let configuration: Configuration
    private let logger: Logger
    private let pool = Mutex(Pool())

    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    public init(configuration: Configuration = .init(), logger: Logger = Logger(label: "coachbot.http")) {
        _ = Self.globalInit
        self.configuration = configuration
        self.logger = logger
    }

    deinit {
        shutdown()
    }

    /// Closes the idle handles and their connections; later requests fail with `.shutDown`.
    public func shutdown() {
        let handles = pool.withLock { pool -> [EasyHandle] in
            pool.closed = true
            defer { pool.idle.removeAll() }
            return pool.idle
        }
        handles.forEach { $0.close() }
    }

    /// Sends a request and waits for the whole response. Cancelling the task stops the transfer
    /// within about a second (curl's idle progress interval) and throws `.cancelled`.
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        guard request.url.hasPrefix("http://") || request.url.hasPrefix("https://") else {
            throw .invalidRequest("URL must start with http:// or https://")
        }
        if Task.isCancelled { throw .cancelled }
        guard let handle = takeHandle() else { throw .shutDown }
        let transfer = Transfer(maxBodyBytes: configuration.maxResponseBytes)
        let start = ContinuousClock.now
        let result: Result<HTTPResponse, HTTPClientError> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>) in
                let config = configuration
                let thread = Thread {
                    continuation.resume(returning: handle.perform(request, transfer: transfer, configuration: config))
                }
                thread.name = "coachbot.http"
                thread.start()
            }
        } onCancel: {
            transfer.cancelled.store(true, ordering: .relaxed)
        }
        returnHandle(handle)
        let elapsed = ContinuousClock.now - start
        switch result {
        case .success(let response):
            logger.debug("http request", metadata: [
                "method": "\(request.method)", "path": "\(Self.redactedPath(request.url))",
                "status": "\(response.status)", "ms": "\(elapsed.milliseconds)",
            ])
            return response
        case .failure(let error):
            if error != .cancelled {
                logger.debug("http request failed", metadata: [
                    "method": "\(request.method)", "path": "\(Self.redactedPath(request.url))",
                    "error": "\(error)",
                ])
            }
            throw error
        }
    }

    private func takeHandle() -> EasyHandle? {
        let reused = pool.withLock { pool -> (closed: Bool, handle: EasyHandle?) in
            pool.closed ? (true, nil) : (false, pool.idle.popLast())
        }
        if reused.closed { return nil }
        return reused.handle ?? EasyHandle()
    }

    private func returnHandle(_ handle: EasyHandle) {
        let keep = pool.withLock { pool -> Bool in
            guard !pool.closed, pool.idle.count < configuration.maxIdleHandles else { return false }
            pool.idle.append(handle)
            return true
        }
        if !keep { handle.close() }
    }

    /// The path of a URL without its query (which may hold tokens or sync positions) for logs.
    static func redactedPath(_ url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(of: "/") { rest = rest[slash...] } else { return "/" }
        if let q = rest.firstIndex(of: "?") { rest = rest[..<q] }
        return String(rest)
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (s, atto) = components
        return s * 1000 + atto / 1_000_000_000_000_000
    }
}
