/// What the bot says where health data may not go (chat-networks.md).
extension Replies {
    /// The only answer in a room where someone other than the athlete and their coaches can read.
    public var answeredPrivately: String {
        language == .sv ? "Jag svarar i vår privata chatt." : "I answer in our private chat."
    }
}
