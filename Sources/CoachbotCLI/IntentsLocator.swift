import CheckinParser
import Foundation

/// Finds and loads the `Intents/` vocabulary: the check-in language lives there as data, so an
/// admin can extend it without rebuilding.
enum IntentsLocator {
    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "cannot find the Intents/ folder (the check-in vocabulary); looked in: \(searched.joined(separator: ", ")). "
                + "Pass --intents DIR or set COACHBOT_INTENTS."
        }
    }

    /// Candidate folders, most specific first: the option, the environment, the working directory,
    /// next to the executable (a `swift build` tree or an install prefix), and the system share.
    static func candidates(explicit: String?) -> [String] {
        var list: [String] = []
        if let explicit { list.append(explicit) }
        if let env = ProcessInfo.processInfo.environment["COACHBOT_INTENTS"], !env.isEmpty { list.append(env) }
        list.append(FileManager.default.currentDirectoryPath + "/Intents")
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for up in ["../../Intents", "../../../Intents", "../share/coachbot/Intents"] {
            list.append(exe.appendingPathComponent(up).standardized.path)
        }
        list.append("/usr/share/coachbot/Intents")
        return list
    }

    static func directory(explicit: String?) throws -> String {
        let all = candidates(explicit: explicit)
        let fm = FileManager.default
        for dir in (explicit != nil ? [all[0]] : all) {
            if fm.fileExists(atPath: dir + "/common.toml") { return dir }
        }
        throw NotFound(searched: explicit != nil ? [all[0]] : all)
    }

    /// Reads every `*.toml` file of the folder and builds the vocabulary.
    static func vocabulary(explicit: String?) throws -> Vocabulary {
        let dir = try directory(explicit: explicit)
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".toml") {
            files[name] = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
        }
        return try Vocabulary(files: files)
    }
}
