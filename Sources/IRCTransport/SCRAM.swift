import Crypto
import _CryptoExtras
import Foundation

/// The client side of SASL SCRAM-SHA-256 (RFC 5802, RFC 7677): the password never crosses the
/// wire, and the server proves it knows the account's key too (the final message is verified).
public struct SCRAMClient: Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case malformedServerMessage(String)
        case nonceMismatch
        case tooFewIterations(Int)
        case serverSignatureMismatch
        case serverError(String)

        public var description: String {
            switch self {
            case .malformedServerMessage(let m): "the server's SCRAM message is malformed (\(m))"
            case .nonceMismatch: "the server's SCRAM nonce does not extend ours"
            case .tooFewIterations(let i): "the server asked for only \(i) PBKDF2 iterations"
            case .serverSignatureMismatch: "the server could not prove it knows the account's key"
            case .serverError(let e): "the server refused: \(e)"
            }
        }
    }

    let user: String
    let password: String
    let clientNonce: String
    private var clientFirstBare: String
    private var expectedServerSignature: [UInt8]?

    public init(user: String, password: String, nonce: String) {
        self.user = user
        self.password = password
        clientNonce = nonce
        let name = user.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
        clientFirstBare = "n=\(name),r=\(nonce)"
    }

    /// A random nonce of printable characters (no comma).
    public static func randomNonce() -> String {
        var rng = SystemRandomNumberGenerator()
        return Data((0..<24).map { _ in UInt8.random(in: 0...255, using: &rng) }).base64EncodedString()
    }

    /// `n,,n=user,r=nonce`.
    public var clientFirst: String { "n,," + clientFirstBare }

    /// Answers the server-first message with the client-final one (with the proof).
    public mutating func clientFinal(serverFirst: String) throws(Failure) -> String {
        let fields = Self.fields(serverFirst)
        if let e = fields["e"] { throw .serverError(e) }
        guard let nonce = fields["r"], let saltText = fields["s"], let salt = Data(base64Encoded: saltText),
              let iterations = fields["i"].flatMap(Int.init) else { throw .malformedServerMessage(serverFirst) }
        guard nonce.hasPrefix(clientNonce), nonce.count > clientNonce.count else { throw .nonceMismatch }
        guard iterations >= 4096 else { throw .tooFewIterations(iterations) }
        let salted: SymmetricKey
        do {
            salted = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                       outputByteCount: 32, unsafeUncheckedRounds: iterations)
        } catch {
            throw .malformedServerMessage("PBKDF2: \(error)")
        }
        let clientKey = Array(HMAC<SHA256>.authenticationCode(for: Array("Client Key".utf8), using: salted))
        let storedKey = Array(SHA256.hash(data: clientKey))
        let withoutProof = "c=biws,r=\(nonce)"
        let authMessage = Array("\(clientFirstBare),\(serverFirst),\(withoutProof)".utf8)
        let signature = Array(HMAC<SHA256>.authenticationCode(for: authMessage, using: SymmetricKey(data: storedKey)))
        let proof = zip(clientKey, signature).map { $0 ^ $1 }
        let serverKey = HMAC<SHA256>.authenticationCode(for: Array("Server Key".utf8), using: salted)
        expectedServerSignature = Array(HMAC<SHA256>.authenticationCode(for: authMessage, using: SymmetricKey(data: Array(serverKey))))
        return withoutProof + ",p=" + Data(proof).base64EncodedString()
    }

    /// Checks the server-final message (`v=…`).
    public func verify(serverFinal: String) throws(Failure) {
        let fields = Self.fields(serverFinal)
        if let e = fields["e"] { throw .serverError(e) }
        guard let v = fields["v"], let signature = Data(base64Encoded: v) else { throw .malformedServerMessage(serverFinal) }
        guard let expected = expectedServerSignature, Array(signature) == expected else { throw .serverSignatureMismatch }
    }

    static func fields(_ message: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in message.split(separator: ",") {
            guard let eq = part.firstIndex(of: "="), part.distance(from: part.startIndex, to: eq) == 1 else { continue }
            out[String(part[..<eq])] = String(part[part.index(after: eq)...])
        }
        return out
    }
}
