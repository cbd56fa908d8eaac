import NIOCore

/// The buffer every FastAGI connection on one event loop writes its commands from. A command is
/// written to the socket at once (nothing else is in flight on its connection), so NIO has
/// almost always let the buffer go when the next connection needs it: one buffer serves the
/// loop, where one per connection cost two allocations for every prompt, wait or Dial (a held
/// caller kept none, so each long command made a new one). When a write is still pending, the
/// buffer is shared with NIO and `clear()` copies it first (ByteBuffer is copy-on-write), so a
/// pending write never changes. Used only on its loop.
final class CommandWriter {
    private var buffer: ByteBuffer?

    /// Writes `line` (a whole command, with its `\n`) and flushes.
    func write(_ line: String, context: ChannelHandlerContext) {
        var buffer = self.buffer.take() ?? context.channel.allocator.buffer(capacity: 256)
        buffer.clear()
        buffer.writeString(line)
        context.writeAndFlush(NIOAny(buffer), promise: nil)
        // A write that re-entered here (a close that ended another call) left its own buffer;
        // either is fine to keep.
        self.buffer = buffer
    }
}
