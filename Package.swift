// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Hotline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hotline", targets: ["hotline"]),
        .executable(name: "hotline-bench", targets: ["hotline-bench"]),
    ],
    dependencies: [
        // 5.0.1 keeps duplicate mapping keys (6.x throws on the first one), so `check` can report
        // every duplicated state or key with its position in one run.
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // The dialplan: YAML format, parser with positions, checker, compiled immutable `Plan`.
        .target(name: "Dialplan", dependencies: ["Yams"], swiftSettings: strict),
        // The pure call engine: (state, event, now) -> (state, [action]). No IO.
        .target(name: "CallEngine", dependencies: ["Dialplan"], swiftSettings: strict),
        // Scripted caller that drives the engine without a phone (pure).
        .target(name: "Simulator", dependencies: ["CallEngine", "Dialplan"], swiftSettings: strict),
        // The `hotline` subcommands and their file-system adapters.
        .target(
            name: "HotlineCommands",
            dependencies: [
                "Dialplan", "CallEngine", "Simulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "hotline", dependencies: ["HotlineCommands"], swiftSettings: strict),
        // Benchmarks of the pure engine (`make bench`); never run as timed tests.
        .executableTarget(name: "hotline-bench", dependencies: ["CallEngine", "Dialplan"], swiftSettings: strict),

        .testTarget(name: "DialplanTests", dependencies: ["Dialplan"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "CallEngineTests", dependencies: ["CallEngine", "Dialplan"], swiftSettings: strict),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "CallEngine", "Dialplan"], swiftSettings: strict),
        .testTarget(name: "HotlineCommandsTests", dependencies: ["HotlineCommands", "Dialplan"], swiftSettings: strict),
    ]
)
