// swift-tools-version:6.0
// libFuzzer targets (`make fuzz`, and a short run in `make test`). A package of its own because
// they are built with `-sanitize=fuzzer -parse-as-library` (libFuzzer supplies `main`).
import PackageDescription

let package = Package(
    name: "HotlineFuzz",
    // `hotline` is a symlink to the repository root, so the dependency has the same name wherever
    // the repository is cloned.
    dependencies: [.package(path: "hotline")],
    targets: [
        .executableTarget(name: "fuzz-agi", dependencies: [.product(name: "HotlineCore", package: "hotline")]),
        .executableTarget(name: "fuzz-dialplan", dependencies: [.product(name: "HotlineCore", package: "hotline")]),
        .executableTarget(name: "fuzz-esl", dependencies: [.product(name: "HotlineCore", package: "hotline")]),
    ]
)
