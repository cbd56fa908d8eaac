import Foundation

/// Where the real PBXes' transcripts are: `HOTLINE_INTEROP_DIR` when set (`make test` sets it from
/// `scripts/interop-dir.sh`, which also finds the folder beside the repository a fresh clone came
/// from), else `../shared/interop` beside this checkout.
public enum InteropFolder {
    public static let root: URL = {
        if let set = ProcessInfo.processInfo.environment["HOTLINE_INTEROP_DIR"], !set.isEmpty {
            return URL(fileURLWithPath: set, isDirectory: true)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/interop", isDirectory: true)
    }()

    /// What a test says when the transcripts are missing: where it looked and how to mend it.
    public static var missing: String {
        "no transcripts of the real PBXes in \(root.path): put the shared folder beside the checkout, or run the tests through `make test` (scripts/interop-dir.sh finds it), or set HOTLINE_INTEROP_DIR"
    }
}
