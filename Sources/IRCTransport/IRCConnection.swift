import Crypto
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP (or TLS) connection to the IRC server, as lines: what is read arrives through
/// `onLine`, what is written goes out in order. It only carries bytes; the protocol is the state
/// machine's. TLS verifies the certificate against the system's trust store, or pins its SHA-256
/// fingerprint instead; plain TCP only when the config says `tls = false`.
public final class IRCConnection: Sendable {
    public struct Endpoint: Sendable {
        var host: String
        var port: Int
        var tls: Bool
        /// `sha256:AB:CD:…` (colons and case ignored).
        var fingerprint: String?
        /// PEM file with the client certificate and key (SASL EXTERNAL).
        var clientCertificate: String?

        public init(host: String, port: Int, tls: Bool, fingerprint: String? = nil, clientCertificate: String? = nil) {
            self.host = host
            self.port = port
            self.tls = tls
            self.fingerprint = fingerprint
            self.clientCertificate = clientCertificate
        }
    }

    enum Failure: Error, CustomStringConvertible {
        case fingerprintMismatch(String)
        case closed(String)
        var description: String {
            switch self {
            case .fingerprintMismatch(let f): "the server's certificate fingerprint \(f) is not the pinned one"
            case .closed(let reason): "connection closed: \(reason)"
            }
        }
    }

    public let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    private init(channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        self.channel = channel
    }

    public static func open(_ endpoint: Endpoint, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> IRCConnection {
        let tls = try endpoint.tls ? makeTLSContext(endpoint) : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(15))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .connect(host: endpoint.host, port: endpoint.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls, let pinned = endpoint.fingerprint.map(Self.normalize) {
                        let handler = try NIOSSLClientHandler(context: tls, serverHostname: nil) { certificates, promise in
                            let leaf = certificates.first.flatMap { try? $0.toDERBytes() } ?? []
                            let actual = SHA256.hash(data: leaf).map { String(format: "%02x", $0) }.joined()
                            promise.succeed(actual == pinned ? .certificateVerified : .failed)
                        }
                        try channel.pipeline.syncOperations.addHandler(handler)
                    } else if let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: endpoint.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return IRCConnection(channel: channel)
    }

    static func makeTLSContext(_ endpoint: Endpoint) throws -> NIOSSLContext {
        var config = TLSConfiguration.makeClientConfiguration()
        config.minimumTLSVersion = .tlsv12
        if endpoint.fingerprint != nil {
            // Pinning replaces chain and name verification: the certificate must be exactly the
            // pinned one (checked in the handler's verification callback).
            config.certificateVerification = .noHostnameVerification
        }
        if let path = endpoint.clientCertificate {
            config.certificateChain = try NIOSSLCertificate.fromPEMFile(path).map { .certificate($0) }
            config.privateKey = .privateKey(try NIOSSLPrivateKey(file: path, format: .pem))
        }
        return try NIOSSLContext(configuration: config)
    }

    static func normalize(_ fingerprint: String) -> String {
        fingerprint.lowercased().replacingOccurrences(of: "sha256:", with: "").replacingOccurrences(of: ":", with: "")
    }
}

/// Splits the byte stream at LF (dropping a CR before it); a line longer than 8,191 bytes is cut
/// rather than buffered without bound.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let readable = buffer.readableBytesView
        guard let newline = readable.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 8_191, let slice = buffer.readSlice(length: 8_191) {
                context.fireChannelRead(wrapInboundOut(slice))
                return .continue
            }
            return .needMoreData
        }
        let length = newline - readable.startIndex
        guard var line = buffer.readSlice(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1) ?? line }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
