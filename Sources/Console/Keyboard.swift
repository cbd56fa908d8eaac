#if canImport(Glibc)
import Glibc
#endif

/// Keys typed at the terminal, read without waiting for Enter (raw mode on a terminal; plain
/// bytes from a pipe). End of input counts as the caller hanging up.
public final class Keyboard {
    private var saved = termios()
    private let isTerminal: Bool
    public private(set) var ended = false

    public init() {
        isTerminal = isatty(STDIN_FILENO) == 1
        guard isTerminal else { return }
        tcgetattr(STDIN_FILENO, &saved)
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
    }

    deinit { restore() }

    public func restore() {
        if isTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    }

    /// The next key, waiting up to `seconds` (0: only what is already typed). Line breaks and
    /// spaces are skipped.
    public func key(within seconds: Double) -> Character? {
        let deadline = monotonic() + seconds
        while !ended {
            let left = max(0, deadline - monotonic())
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(left * 1000))
            guard ready > 0 else { return nil }
            var byte: UInt8 = 0
            if read(STDIN_FILENO, &byte, 1) != 1 {
                ended = true
                return nil
            }
            let character = Character(Unicode.Scalar(byte))
            if character == "\n" || character == "\r" || character == " " { continue }
            return character
        }
        return nil
    }

    private func monotonic() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
