/// The HTML rendering of a bot message for chat clients that show formatted text: the first line
/// (the decision, the alert) in bold, line breaks kept, everything else escaped.
public enum NoticeHTML {
    public static func render(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
        guard let first = lines.first else { return "" }
        return (["<b>\(first)</b>"] + lines.dropFirst()).joined(separator: "<br/>")
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
