// Whatever an editor saves: the dialplan loader (YAML, parser, checker, compiler) must report
// problems, never crash or hang.
import Dialplan

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let compilation = Dialplan.compile(text, file: "fuzz.yaml", prompts: PromptInventory(root: "Prompts"))
    if compilation.plan != nil && compilation.diagnostics.hasErrors { fatalError("a plan with errors was compiled") }
    // Every duration a compiled plan holds is within its documented range (issue 11, item 1).
    for state in compilation.plan?.states ?? [] {
        switch state.action {
        case .menu(let menu) where !PlanLimits.menuTimeoutSeconds.contains(menu.timeoutSeconds): fatalError("menu timeout out of range")
        case .collect(let collect) where !PlanLimits.collectTimeoutSeconds.contains(collect.timeoutSeconds): fatalError("collect timeout out of range")
        default: break
        }
    }
    _ = Roster.parse(text, file: "roster.yaml", languages: ["en", "es"])
    return 0
}

// SwiftPM links an executable's entry point as `fuzz_dialplan_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("fuzz_dialplan_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { fuzz($0, $1) }
}
