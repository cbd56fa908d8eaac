import ArgumentParser
import Foundation

/// A file that must not exist yet (a key, an opened message), created with its mode from the
/// start and synced: never overwrites, never readable by others for a moment.
enum NewFile {
    static func create(_ path: String, _ bytes: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw ValidationError("\(path): cannot create it (\(String(cString: strerror(errno))))\(errno == EEXIST ? "; it exists and is never overwritten" : "")") }
        defer { close(fd) }
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            throw ValidationError("\(path): cannot write it (\(String(cString: strerror(errno))))")
        }
    }
}
