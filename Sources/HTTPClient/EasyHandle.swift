import CCurl
import CCurlShim

/// One curl easy handle. It keeps its connection cache across `curl_easy_reset`, which is why
/// handles are pooled. Used by one thread at a time (the pool hands it out exclusively).
final class EasyHandle: @unchecked Sendable {
    private var raw: OpaquePointer?

    init() {
        raw = OpaquePointer(curl_easy_init())
    }

    func close() {
        if let raw { curl_easy_cleanup(UnsafeMutableRawPointer(raw)) }
        raw = nil
    }

    deinit { close() }

    /// Runs the request to completion on the calling (dedicated) thread.
    func perform(_ request: HTTPRequest, transfer: Transfer, configuration: HTTPClient.Configuration)
        -> Result<HTTPResponse, HTTPClientError>
    {
        guard let raw else { return .failure(.shutDown) }
        let h = UnsafeMutableRawPointer(raw)
        curl_easy_reset(h)
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { if let headerList { curl_slist_free_all(headerList) } }

        var rc = CURLE_OK
        func set(_ code: CURLcode) { if rc == CURLE_OK { rc = code } }

        set(ccurl_setopt_string(h, CURLOPT_URL, request.url))
        set(ccurl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(ccurl_setopt_long(h, CURLOPT_NOSIGNAL, 1))
        set(ccurl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1))
        set(ccurl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2))
        set(ccurl_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1))
        set(ccurl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0))
        set(ccurl_setopt_string(h, CURLOPT_ACCEPT_ENCODING, ""))
        set(ccurl_setopt_string(h, CURLOPT_USERAGENT, configuration.userAgent))
        set(ccurl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout.milliseconds)))
        let total = request.timeout ?? configuration.requestTimeout
        set(ccurl_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(total.milliseconds)))

        let method = request.method.uppercased()
        if let body = request.body {
            set(ccurl_setopt_off_t(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            if body.isEmpty {
                set(ccurl_setopt_string(h, CURLOPT_COPYPOSTFIELDS, ""))
            } else {
                // COPYPOSTFIELDS copies `POSTFIELDSIZE` bytes, so the buffer need not outlive this call.
                set(body.withUnsafeBytes { ccurl_setopt_pointer(h, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) })
            }
            if method != "POST" { set(ccurl_setopt_string(h, CURLOPT_CUSTOMREQUEST, method)) }
        } else if method == "GET" {
            set(ccurl_setopt_long(h, CURLOPT_HTTPGET, 1))
        } else if method == "HEAD" {
            set(ccurl_setopt_long(h, CURLOPT_NOBODY, 1))
        } else {
            set(ccurl_setopt_string(h, CURLOPT_CUSTOMREQUEST, method))
        }

        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        // curl adds "Expect: 100-continue" to large bodies; that costs a round trip.
        headerList = curl_slist_append(headerList, "Expect:")
        set(ccurl_setopt_slist(h, CURLOPT_HTTPHEADER, headerList))

        let userdata = Unmanaged.passUnretained(transfer).toOpaque()
        set(ccurl_setopt_write_callback(h, Callbacks.write, userdata))
        set(ccurl_setopt_header_callback(h, Callbacks.header, userdata))
        set(ccurl_setopt_xferinfo_callback(h, Callbacks.progress, userdata))
        guard rc == CURLE_OK else {
            return .failure(.invalidRequest(String(cString: curl_easy_strerror(rc))))
        }

        let result = withExtendedLifetime(transfer) { curl_easy_perform(h) }
        if transfer.cancelled.load(ordering: .relaxed) { return .failure(.cancelled) }
        if transfer.tooLarge { return .failure(.responseTooLarge(limit: transfer.maxBodyBytes)) }
        guard result == CURLE_OK else { return .failure(Self.map(result)) }
        var code = 0
        _ = ccurl_getinfo_response_code(h, &code)
        return .success(HTTPResponse(status: code, headers: transfer.headers, body: transfer.body))
    }

    static func map(_ code: CURLcode) -> HTTPClientError {
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidRequest(message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return .couldNotConnect(message)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .tls(message)
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        default:
            return .transport(code: Int(code.rawValue), message: message)
        }
    }
}
