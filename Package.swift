// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Hotline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hotline", targets: ["hotline"]),
        .executable(name: "hotline-bench", targets: ["hotline-bench"]),
        .executable(name: "hotline-baseline", targets: ["hotline-baseline"]),
        // For the fuzzing package in Fuzz/.
        .library(name: "HotlineCore", targets: ["Dialplan", "CallEngine", "FastAGI", "EventSocket"]),
    ],
    dependencies: [
        // 5.0.1 keeps duplicate mapping keys (6.x throws on the first one), so `check` can report
        // every duplicated state or key with its position in one run.
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // bcrypt (its C implementation) for the staff console's passwords.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The dialplan: YAML format, parser with positions, checker, compiled immutable `Plan`.
        .target(name: "Dialplan", dependencies: ["Yams"], swiftSettings: strict),
        // The pure call engine: (state, event, now) -> (state, [action]). No IO.
        .target(name: "CallEngine", dependencies: ["Dialplan"], swiftSettings: strict),
        // Scripted caller that drives the engine without a phone (pure).
        .target(name: "Simulator", dependencies: ["CallEngine", "Dialplan"], swiftSettings: strict),
        // Statistics a hotline publishes, computed from anonymous cells (pure).
        .target(name: "CallReports", dependencies: ["CallEngine", "Dialplan"], swiftSettings: strict),
        // The call log: SQLite through GRDB, batched off the call path, without caller identifiers.
        .target(
            name: "CallLog",
            dependencies: [
                "CallEngine", "CallReports", "Dialplan",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Live-advocate queueing: the pure ACD core and the actor that owns it.
        .target(
            name: "AdvocateQueue",
            dependencies: [
                "CallEngine", "Dialplan",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // What every PBX adapter shares: plan store and reload, calls in progress and drain, the
        // queue port, the outcome sink, call-id minting.
        .target(
            name: "CallRuntime",
            dependencies: [
                "CallEngine", "Dialplan",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // The admin HTTP API (advocates, queue status, plan reload) on loopback behind a token, and
        // what monitoring reads without one (health, readiness) or with it (Prometheus metrics).
        .target(
            name: "AdminAPI",
            dependencies: [
                "AdvocateQueue", "CallEngine", "CallRuntime", "Dialplan",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // The staff console in the browser: accounts and roles, sessions, the advocate's page and
        // the supervisor's live wallboard, an audit log of staff actions (never call data).
        .target(
            name: "StaffConsole",
            dependencies: [
                "AdvocateQueue", "CallEngine", "CallLog", "CallReports", "CallRuntime", "Dialplan", "MessageVault",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "Yams",
            ],
            swiftSettings: strict
        ),
        // The PBX simulator for capacity planning (`hotline loadtest`).
        .target(
            name: "LoadTest",
            dependencies: [
                "FastAGIServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The engine-less responder `make bench` compares the controller with.
        .executableTarget(
            name: "hotline-baseline",
            dependencies: ["FastAGIServer", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: strict
        ),
        // OpenSSL's libcrypto (the system's) for sealing the messages callers leave.
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // Messages callers leave: sealed for the hotline's public key (X25519, HKDF-SHA256,
        // AES-256-GCM through libcrypto), the key pair, and the sealed store.
        .target(
            name: "MessageVault",
            dependencies: [
                "COpenSSL", "CallEngine", "CallLog", "CallRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // ALSA (libasound2) for the console's prompt playback.
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        // The console channel: call a plan from a terminal, prompts through ALSA, keys as DTMF.
        .target(name: "Console", dependencies: ["CallEngine", "Dialplan", "CALSA"], swiftSettings: strict),
        // FastAGI as Asterisk speaks it: environment block, commands, replies, and the pure
        // per-call conversation that turns engine actions into commands and replies into events.
        .target(name: "FastAGI", dependencies: ["CallEngine", "Dialplan"], swiftSettings: strict),
        // FreeSWITCH's outbound Event Socket as it speaks it: bounded framing, events through an
        // allow-list that drops every caller identifier.
        .target(name: "EventSocket", dependencies: ["CallEngine", "Dialplan"], swiftSettings: strict),
        // The Event Socket on SwiftNIO: the bounded frame decoder (the server joins it).
        .target(name: "EventSocketServer", dependencies: [
            "EventSocket", "CallEngine", "CallRuntime", "FastAGIServer",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strict),
        // The SwiftNIO server: bounded line framing, one channel handler per call, lifecycle.
        .target(
            name: "FastAGIServer",
            dependencies: [
                "FastAGI", "CallEngine", "CallRuntime", "Dialplan",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The `hotline` subcommands and their file-system adapters.
        .target(
            name: "HotlineCommands",
            dependencies: [
                "Dialplan", "CallEngine", "CallRuntime", "Simulator", "FastAGI", "FastAGIServer", "CallLog", "CallReports", "Console", "AdvocateQueue", "AdminAPI", "LoadTest",
                "StaffConsole", "MessageVault", "EventSocket", "EventSocketServer",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "hotline", dependencies: ["HotlineCommands"], swiftSettings: strict),
        // The physical limit for `make bench`: the controller's command sequence from a
        // plain-libc epoll responder (C, one thread); never part of the controller.
        .executableTarget(name: "hotline-limit", path: "Sources/hotline-limit"),
        // Benchmarks of the pure engine (`make bench`); never run as timed tests.
        .executableTarget(
            name: "hotline-bench",
            dependencies: ["CallEngine", "Dialplan", "CallLog", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        .testTarget(name: "DialplanTests", dependencies: ["Dialplan"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "CallEngineTests", dependencies: ["CallEngine", "Dialplan"], swiftSettings: strict),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "CallEngine", "Dialplan"], swiftSettings: strict),
        // What several test targets share: the recorded Asterisk conversations, a log catcher.
        .target(
            name: "TestSupport",
            dependencies: [
                "EventSocket", "FastAGI", "CallEngine", "Dialplan", "Simulator",
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "AdvocateQueueTests", dependencies: ["AdvocateQueue", "CallEngine", "Dialplan"], swiftSettings: strict),
        .testTarget(name: "CallReportsTests", dependencies: ["CallReports", "CallEngine", "Dialplan", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "CallLogTests",
            dependencies: [
                "CallLog", "CallReports", "CallEngine", "Dialplan",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                "TestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "FastAGITests", dependencies: ["FastAGI", "CallEngine", "Dialplan", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "FastAGIServerTests",
            dependencies: [
                "FastAGIServer", "FastAGI", "CallEngine", "CallRuntime", "Dialplan", "CallLog", "CallReports", "AdvocateQueue", "AdminAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                "TestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "EventSocketTests", dependencies: [
            "EventSocket", "EventSocketServer", "TestSupport", "Simulator", "CallEngine", "Dialplan", "FastAGI",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
        ], swiftSettings: strict),
        .testTarget(name: "MessageVaultTests", dependencies: ["MessageVault", "CallEngine", "CallLog", "TestSupport", .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .testTarget(name: "StaffConsoleTests", dependencies: ["StaffConsole", "AdvocateQueue", "CallEngine", "CallRuntime", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")], swiftSettings: strict),
        .testTarget(name: "HotlineCommandsTests", dependencies: ["HotlineCommands", "Dialplan", "FastAGI", "TestSupport", "Simulator", "CallEngine", "EventSocket"], swiftSettings: strict),
    ]
)
