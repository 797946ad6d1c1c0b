// swift-tools-version: 6.1
import PackageDescription

/// coachbot: a chat-based athlete readiness coach.
///
/// The targets follow the architecture: a pure core (`CoachCore` domain types, `CheckinParser`,
/// `ReadinessEngine`) with no I/O and no clock reads, and thin adapters around it (`CoachStore`
/// for SQLite, `CoachbotCLI` for the command line).
let package = Package(
    name: "coachbot",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "coachbot", targets: ["coachbot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Pure core: domain types shared by every part.
        .target(name: "CoachCore"),
        // Pure core: chat message → intent with typed facts. Vocabulary comes in as text.
        .target(name: "CheckinParser", dependencies: [
            "CoachCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // Pure core: readiness and injury rules.
        .target(name: "ReadinessEngine", dependencies: ["CoachCore"]),
        // Adapter: SQLite store with migrations.
        .target(name: "CoachStore", dependencies: [
            "CoachCore", "TrainingEngine",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Pure core: lactate tests → thresholds → zones, and the training figures built on them.
        .target(name: "TrainingEngine", dependencies: ["CoachCore"]),
        // Pure core: conversation decisions and the words of every reply.
        .target(name: "Conversation", dependencies: ["CoachCore", "ReadinessEngine", "TrainingEngine"]),
        // Adapter: the transport-neutral bot (store transactions, roster, timed messages, transcript replay).
        .target(name: "CoachBot", dependencies: [
            "CoachCore", "CheckinParser", "ReadinessEngine", "CoachStore", "Conversation", "TrainingEngine",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // Adapter: the command line.
        .target(name: "CoachbotCLI", dependencies: [
            "CoachCore", "CheckinParser", "ReadinessEngine", "CoachStore", "CoachBot", "Conversation", "MatrixBot", "TrainingEngine",
            "MatrixTransport", "HTTPClient",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "coachbot", dependencies: ["CoachbotCLI"]),
        // Adapter: libcurl, the HTTP stack of the Matrix transport.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Typed wrappers of curl's variadic setopt/getinfo, which Swift cannot call.
        .target(name: "CCurlShim", dependencies: ["CCurl"], linkerSettings: [.linkedLibrary("curl")]),
        // Adapter: a small async HTTP client over curl easy handles.
        .target(name: "HTTPClient", dependencies: [
            "CCurl", "CCurlShim",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Adapter: the Matrix Client-Server transport (sync state machine, outbox, daemon).
        .target(name: "MatrixTransport", dependencies: [
            "HTTPClient", "CoachCore",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // Adapter: the bot on Matrix (SQLite-backed sync state and outbox, the batch handler, the daemon runner).
        .target(name: "MatrixBot", dependencies: [
            "CoachBot", "CoachStore", "CoachCore", "CheckinParser", "Conversation", "MatrixTransport", "HTTPClient",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "MatrixBotTests", dependencies: ["MatrixBot", "CoachBot", "CoachStore", "CoachCore", "CheckinParser", "MatrixTransport", "HTTPClient",
            .product(name: "TOMLKit", package: "TOMLKit")]),
        .testTarget(name: "CoachCoreTests", dependencies: ["CoachCore"]),
        .testTarget(name: "TrainingEngineTests", dependencies: ["TrainingEngine", "CoachCore"]),
        .testTarget(name: "CheckinParserTests", dependencies: ["CheckinParser", "CoachCore"], exclude: ["Corpus"]),
        .testTarget(name: "ReadinessEngineTests", dependencies: ["ReadinessEngine", "CoachCore"]),
        .testTarget(name: "CoachStoreTests", dependencies: ["CoachStore", "CoachCore", "ReadinessEngine", "TrainingEngine"]),
        .testTarget(name: "ConversationTests", dependencies: ["Conversation", "CoachCore", "ReadinessEngine", "TrainingEngine"]),
        .testTarget(name: "CoachBotTests", dependencies: ["CoachBot", "CoachStore", "CoachCore", "CheckinParser", "TrainingEngine"]),
        .testTarget(name: "CoachbotCLITests", dependencies: ["CoachbotCLI", "CheckinParser", "CoachCore"]),
        .testTarget(name: "MatrixTransportTests", dependencies: [
            "MatrixTransport", "HTTPClient", "CoachCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
