/// A message from a person, as any transport (console, transcript, Matrix, IRC) hands it to the
/// bot core. Time is an input: the core never reads a clock.
public struct IncomingMessage: Sendable, Hashable {
    /// "console", "transcript", "matrix", "irc".
    public var network: String
    /// The transport's room id (`!abc:example.org`), or a stable name on offline transports.
    public var room: String
    /// The sender's address on that network (`@alice:example.org`).
    public var sender: String
    public var text: String
    /// The transport's message id (Matrix event id), used for replies and de-duplication.
    public var messageID: String
    /// Seconds since 1970-01-01 UTC.
    public var time: Double

    public init(network: String, room: String, sender: String, text: String, messageID: String, time: Double) {
        self.network = network
        self.room = room
        self.sender = sender
        self.text = text
        self.messageID = messageID
        self.time = time
    }
}

/// A message the bot sends: plain text, an optional HTML rendering, and the message it answers.
public struct OutgoingMessage: Sendable, Hashable {
    public var room: String
    public var text: String
    public var html: String?
    /// The id of the message this one answers (Matrix `m.in_reply_to`).
    public var replyTo: String?
    /// The network to send it on; nil: the network of the message it answers (timed messages
    /// name theirs, since they answer none).
    public var network: String?

    public init(room: String, text: String, html: String? = nil, replyTo: String? = nil, network: String? = nil) {
        self.room = room
        self.text = text
        self.html = html
        self.replyTo = replyTo
        self.network = network
    }
}
