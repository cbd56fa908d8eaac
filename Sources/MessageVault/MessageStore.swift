import Foundation

/// The folder of sealed messages (`serve --messages`, default `var/messages`): one
/// `<random id>.sealed` each, written through a temporary file, `fsync` and a rename, so a
/// reader never sees half a message and a crash never leaves one.
public struct MessageStore: Sendable {
    public let folder: String

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public init(folder: String) {
        self.folder = folder
    }

    public func path(of id: String) -> String { "\(folder)/\(id).sealed" }

    public func write(_ sealed: [UInt8], id: String) throws(Problem) {
        let temporary = "\(folder)/.\(id).sealed.tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw Problem(description: "\(folder): cannot create the messages folder (\(error.localizedDescription))")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o640)
        guard fd >= 0 else { throw Problem(description: "\(temporary): cannot write a sealed message (\(String(cString: strerror(errno))))") }
        let written = sealed.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == sealed.count, synced, rename(temporary, path(of: id)) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Problem(description: "\(path(of: id)): cannot keep a sealed message (\(reason)); is the disk full?")
        }
        Self.syncFolder(folder)
    }

    public func read(_ id: String) throws(Problem) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(of: id)) else {
            throw Problem(description: "\(path(of: id)): no such sealed message (purged already, or another --messages folder?)")
        }
        return Array(data)
    }

    public func remove(_ id: String) {
        unlink(path(of: id))
    }

    /// The ids of every sealed file in the folder.
    public func ids() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".sealed") && !$0.hasPrefix(".") }.map { String($0.dropLast(7)) }.sorted()
    }

    /// Overwrites a file with zeros, `fsync`s it, then unlinks it. On a journaling file system,
    /// a copy-on-write one or an SSD the old blocks may survive elsewhere (docs/messages.md):
    /// this removes the plaintext from the file system's view, not from the device.
    public static func shred(_ path: String) throws(Problem) {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw Problem(description: "\(folderOf(path)): cannot overwrite a recording there (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        fstat(fd, &info)
        let zeros = [UInt8](repeating: 0, count: 64 * 1024)
        var left = Int(info.st_size)
        while left > 0 {
            let n = zeros.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, min(left, $0.count)) }
            if n <= 0 { break }
            left -= n
        }
        fsync(fd)
        close(fd)
        guard unlink(path) == 0 else { throw Problem(description: "\(folderOf(path)): a recording was overwritten but not removed (\(String(cString: strerror(errno))))") }
        syncFolder(folderOf(path))
    }

    /// The folder only: a recording's name is the call's id, which a log line next to a sealed
    /// message's would link to it.
    static func folderOf(_ path: String) -> String { (path as NSString).deletingLastPathComponent }

    static func syncFolder(_ folder: String) {
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
