// Whatever bytes a PBX (or a stranger on the network) sends: the environment parser, the reply
// parser and a whole call session must neither crash nor hang.
import CallEngine
import Dialplan
import FastAGI
import Foundation

let plan: Plan = {
    let yaml = """
    languages: [en, es]
    time_zone: UTC
    entries: [{default: true, start: menu}]
    global_keys: {"0": bye}
    queues: {q: {languages: [en, es]}}
    states:
      menu:
        menu: [hello, hola@es]
        keys: {"1": queue, "2": number, "3": message, "4": partner}
        exhausted: bye
      number: {collect: enter, into: n, min_digits: 2, max_digits: 6, next: bye, exhausted: bye}
      queue: {queue: q, keys: {"2": message}, announce: {position: p, wait: w, minutes: m}, on_timeout: bye, on_no_advocates: bye}
      message: {record: beep, next: bye, on_fail: bye}
      partner: {transfer: "PJSIP/1@x", on_fail: bye}
      bye: {hangup: , prompt: goodbye}
    """
    return Dialplan.compile(yaml, file: "fuzz.yaml", prompts: nil).plan!
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let raw = bytes.split(separator: 10, omittingEmptySubsequences: false)
    let lines = raw.map { String(decoding: $0, as: UTF8.self) }
    var parser = AGIEnvironmentParser(maximumLines: 64)
    var environment: AGIEnvironment?
    var rest = lines[...]
    // The environment is read from the raw bytes, as the server does (UTF-8 only where kept).
    for line in raw {
        _ = rest.popFirst()
        switch parser.consume(bytes: line) {
        case .needMore: continue
        case .complete(let found): environment = found
        case .invalid: return 0
        }
        break
    }
    for line in rest { _ = AGIReply(parsing: Substring(line)) }
    guard let environment else { return 0 }
    var session = AGISession(call: Call(id: CallID(1), plan: plan), settings: AGISettings(), offerTokenPrefix: "fuzz")
    var now = Date(timeIntervalSince1970: 1_800_000_000)
    _ = session.start(environment, at: now)
    for (n, line) in rest.enumerated() {
        now += 1
        _ = session.receive(Substring(line), at: now)
        switch n % 7 {
        case 3: _ = session.queueSignal(.offer(QueueOffer(endpoint: "PJSIP/a", ringSeconds: 5, language: "en", interpreter: n % 2 == 0)), at: now)
        case 1: _ = session.queueSignal(.waiting, at: now)
        case 5: _ = session.queueSignal(.announce(position: n, estimatedWaitSeconds: n * 10), at: now)
        case 6: _ = session.timerFired(at: now)
        default: break
        }
        if session.closed { break }
    }
    _ = session.timerFired(at: now)
    _ = session.connectionClosed(at: now)
    return 0
}

// SwiftPM links an executable's entry point as `fuzz_agi_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("fuzz_agi_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { fuzz($0, $1) }
}
