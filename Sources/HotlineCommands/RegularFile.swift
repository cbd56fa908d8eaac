import Foundation

/// Reads the files a plan is made of. Only regular files are read: opening a FIFO or a device
/// left in `Prompts/` would block the reading thread forever, so the type is checked before the
/// open, the open never blocks, and the type is checked again on the open descriptor.
enum RegularFile {
    enum Failure: Error, Equatable {
        case missing
        case notRegular(String)
        case tooLarge(Int)
        case unreadable(String)
    }

    /// The file's bytes, at most `limit` of them (more is an error, not a truncation).
    static func read(_ path: String, limit: Int) throws(Failure) -> Data {
        let (descriptor, size) = try openRegular(path)
        defer { close(descriptor) }
        guard size <= limit else { throw .tooLarge(size) }
        let data = try readUpTo(descriptor, limit + 1)
        guard data.count <= limit else { throw .tooLarge(data.count) }
        return data
    }

    /// The first `count` bytes (a WAV header), from a regular file only.
    static func prefix(_ path: String, count: Int) throws(Failure) -> Data {
        let (descriptor, _) = try openRegular(path)
        defer { close(descriptor) }
        return try readUpTo(descriptor, count)
    }

    private static func openRegular(_ path: String) throws(Failure) -> (Int32, Int) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))
        }
        guard isRegular(status) else { throw .notRegular(kind(status)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        guard fstat(descriptor, &status) == 0, isRegular(status) else {
            close(descriptor)
            throw .notRegular(kind(status))
        }
        return (descriptor, Int(status.st_size))
    }

    private static func readUpTo(_ descriptor: Int32, _ count: Int) throws(Failure) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: min(count, 65_536))
        while data.count < count {
            let wanted = min(buffer.count, count - data.count)
            let got = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if got == 0 { break }
            data.append(contentsOf: buffer[0..<got])
        }
        return data
    }

    /// A sentence for a person: what is wrong with the file at `path` and what to do.
    static func message(_ failure: Failure, path: String, what: String) -> String {
        switch failure {
        case .missing: "\(path): error: \(what) does not exist; check the path (relative paths start in the folder the controller runs in)"
        case .notRegular(let kind): "\(path): error: \(what) is \(kind), not a regular file; it is not read (replace it with the file itself)"
        case .tooLarge(let bytes): "\(path): error: \(what) is \(bytes) bytes, more than the 1 MiB this controller reads for one; is it the right file?"
        case .unreadable(let reason): "\(path): error: cannot read \(what): \(reason)"
        }
    }

    private static func isRegular(_ status: stat) -> Bool {
        (status.st_mode & S_IFMT) == S_IFREG
    }

    private static func kind(_ status: stat) -> String {
        switch status.st_mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a folder"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
