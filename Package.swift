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
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
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
        // The exactly-once pipeline every network goes through: the network protocol, the receive
        // and delivery state machines, the service that carries them out, the SQLite commit.
        .target(name: "ChatPipeline", dependencies: [
            "CoachCore", "CoachStore",
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // Test support: in-memory pipeline store, scripted network, fast clock, curl and promtool. Never in production.
        .target(name: "PipelineTestSupport", dependencies: ["ChatPipeline", "CoachCore"], path: "Tests/PipelineTestSupport"),
        // Adapter: the transport-neutral bot (store transactions, roster, timed messages, privacy, transcript replay).
        .target(name: "CoachBot", dependencies: [
            "CoachCore", "CheckinParser", "ReadinessEngine", "CoachStore", "Conversation", "ChatPipeline", "TrainingEngine",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // Adapter: the command line.
        .target(name: "CoachbotCLI", dependencies: [
            "CoachCore", "CheckinParser", "ReadinessEngine", "CoachStore", "CoachBot", "Conversation", "MatrixBot", "ChatPipeline", "TrainingEngine",
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
        // Adapter: Matrix as a pipeline network (Client-Server API, sync state machine, membership).
        .target(name: "MatrixTransport", dependencies: [
            "HTTPClient", "CoachCore", "ChatPipeline",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // Adapter: IRC as a pipeline network (RFC 2812 + IRCv3: CAP, SASL, flood control, accounts), over SwiftNIO.
        .target(name: "IRCTransport", dependencies: [
            "ChatPipeline", "CoachCore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "IRCTransportTests", dependencies: ["IRCTransport", "ChatPipeline", "CoachCore"]),
        // Adapter: operations over HTTP: /metrics (swift-metrics → Prometheus), /healthz, /readyz.
        .target(name: "OpsHTTP", dependencies: [
            "CoachStore", "ChatPipeline", "CoachBot",
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // Adapter: the daemon on every configured network (the SQLite session store, the runner).
        .target(name: "MatrixBot", dependencies: [
            "CoachBot", "ChatPipeline", "IRCTransport", "CoachStore", "CoachCore", "CheckinParser", "Conversation", "MatrixTransport", "HTTPClient", "OpsHTTP",
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "ChatPipelineTests", dependencies: [
            "ChatPipeline", "PipelineTestSupport", "CoachCore", "CoachStore", "CoachBot", "CheckinParser",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "MatrixBotTests", dependencies: ["MatrixBot", "ChatPipeline", "IRCTransport", "PipelineTestSupport",
            .product(name: "NIOCore", package: "swift-nio"), "CoachBot", "CoachStore", "CoachCore", "CheckinParser", "MatrixTransport", "HTTPClient",
            .product(name: "TOMLKit", package: "TOMLKit")]),
        .testTarget(name: "CoachCoreTests", dependencies: ["CoachCore"]),
        .testTarget(name: "TrainingEngineTests", dependencies: ["TrainingEngine", "CoachCore"]),
        .testTarget(name: "CheckinParserTests", dependencies: ["CheckinParser", "CoachCore"], exclude: ["Corpus"]),
        .testTarget(name: "ReadinessEngineTests", dependencies: ["ReadinessEngine", "CoachCore"]),
        .testTarget(name: "CoachStoreTests", dependencies: ["CoachStore", "CoachCore", "ReadinessEngine", "TrainingEngine"]),
        .testTarget(name: "ConversationTests", dependencies: ["Conversation", "CoachCore", "ReadinessEngine", "TrainingEngine"]),
        .testTarget(name: "CoachBotTests", dependencies: ["CoachBot", "CoachStore", "CoachCore", "CheckinParser", "TrainingEngine"]),
        .testTarget(name: "CoachbotCLITests", dependencies: ["CoachbotCLI", "CheckinParser", "CoachCore"]),
        .testTarget(name: "OpsHTTPTests", dependencies: ["PipelineTestSupport",
            "OpsHTTP", "CoachStore", "CoachBot", "ChatPipeline", "CoachCore",
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .testTarget(name: "MatrixTransportTests", dependencies: [
            "MatrixTransport", "HTTPClient", "CoachCore", "ChatPipeline", "PipelineTestSupport",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
