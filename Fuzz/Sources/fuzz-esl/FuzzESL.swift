// Whatever bytes FreeSWITCH (or a stranger on the network) sends over the Event Socket: the
// framing and the event allow-list must neither crash nor hang nor hold more than their limits.
import EventSocket

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = ESLLimits()
    limits.maximumBodyBytes = 64 * 1024
    // The first byte chooses how the rest is cut into reads.
    let step = Int(bytes.first ?? 1) % 64 + 1
    var parser = ESLFrameParser(limits: limits)
    var offset = 1
    while offset < bytes.count {
        let end = min(bytes.count, offset + step)
        guard let messages = try? parser.consume(bytes[offset..<end]) else { break }
        for message in messages {
            if let event = ESLEvent(message) {
                precondition(event.fields.keys.allSatisfy(ESLEvent.isAllowed))
            }
            _ = message.kind
        }
        precondition(parser.pendingBytes <= limits.maximumBodyBytes + limits.maximumLineBytes + 64)
        offset = end
    }
    return 0
}

// SwiftPM links an executable's entry point as `fuzz_esl_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("fuzz_esl_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { fuzz($0, $1) }
}
