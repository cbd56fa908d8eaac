import Foundation
import NIOConcurrencyHelpers

/// Who did what in the console, one JSON object a line: sign-ins (and refused ones), sign-outs,
/// pauses, logouts of advocates, reloads. Staff actions only: an entry names an account, an
/// action and at most a roster id, never anything about a call or a caller.
public final class StaffAuditLog: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var at: String
        public var account: String
        public var action: String
        public var advocate: String?
        public var result: String
    }

    public let path: String
    let handle: NIOLockedValueBox<FileHandle?>

    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // O_APPEND: the controller and `hotline messages` write the same log; each line lands
        // at the end whoever wrote last, never over another's.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o640)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        self.handle = NIOLockedValueBox(FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    public func record(account: String, action: String, advocate: String? = nil, result: String = "ok", at date: Date = Date()) {
        let entry = Entry(at: ISO8601DateFormatter().string(from: date), account: account, action: action, advocate: advocate, result: result)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(entry) else { return }
        line.append(0x0A)
        handle.withLockedValue { try? $0?.write(contentsOf: line) }
    }

    public static func entries(at path: String) throws -> [Entry] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
    }
}
