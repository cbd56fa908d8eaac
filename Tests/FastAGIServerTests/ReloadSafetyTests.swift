import CallRuntime
import Dialplan
import Dispatch
import Foundation
import NIOConcurrencyHelpers
import TestSupport
import Testing

/// Issue 11, items 3–4: a reload reads its files off Swift's cooperative pool, gives up after its
/// timeout, runs one at a time, and takes the plan only with every other file sound.
@Suite struct ReloadSafetyTests {
    let text = try! String(contentsOf: Plans.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)

    /// A read that never returns (a FIFO opened for reading) used to take a cooperative thread
    /// for good; two of them took the whole pool on a 2-core machine.
    @Test func aStuckReadNeitherBlocksTheCooperativePoolNorPilesUp() async throws {
        let log = CapturedLog()
        let plans = PlanStore(Plans.hotline)
        let release = DispatchSemaphore(value: 0)
        let reads = NIOLockedValueBox(0)
        let reloader = PlanReloadService(plans: plans, logger: log.logger, timeoutSeconds: 0.3) {
            reads.withLockedValue { $0 += 1 }
            release.wait()
            return .init(compilation: Dialplan.compile("", file: "none", prompts: nil))
        }
        // More stuck reloads than this machine has cooperative threads.
        let reports = await withTaskGroup(of: PlanReloadService.Report.self) { group in
            for _ in 0..<(ProcessInfo.processInfo.activeProcessorCount + 2) { group.addTask { await reloader.report() } }
            var reports: [PlanReloadService.Report] = []
            for await report in group { reports.append(report) }
            return reports
        }
        #expect(reports.allSatisfy { !$0.reloaded })
        #expect(reads.withLockedValue { $0 } == 1, "one read at a time")
        #expect(reports.filter { $0.errors.first?.hasPrefix("reading the plan's files took more than 0.3 s") == true }.count == 1)
        #expect(reports.filter { $0.errors.first?.hasPrefix("another reload is still reading the files") == true }.count == reports.count - 1)
        // The pool is free: ordinary async work still runs while the read is stuck.
        try await Task.sleep(for: .milliseconds(10))
        #expect(plans.current.version == Plans.hotline.version)
        release.signal()
        for _ in 0..<100 where reads.withLockedValue({ $0 }) == 1 {
            let report = await reloader.report()
            if !report.errors.contains(where: { $0.hasPrefix("another reload") }) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// A broken roster (or any other file read with the plan) keeps the old plan and roster.
    @Test func aRefusalFromAnotherFileKeepsTheOldPlan() async {
        let log = CapturedLog()
        let plans = PlanStore(Plans.hotline)
        let taken = NIOLockedValueBox(false)
        let newer = text.replacingOccurrences(of: "version: \"\(Plans.hotline.version)\"", with: "version: \"v2\"")
        let reloader = PlanReloadService(plans: plans, logger: log.logger) {
            .init(compilation: Dialplan.compile(newer, file: "hotline.yaml", prompts: nil),
                  refusals: ["roster.yaml:3:5: error: an agent needs 'id' and 'endpoint'"]) { _ in taken.withLockedValue { $0 = true } }
        }
        let report = await reloader.report()
        #expect(!report.reloaded)
        #expect(report.errors == ["roster.yaml:3:5: error: an agent needs 'id' and 'endpoint'"])
        #expect(plans.current.version == Plans.hotline.version)
        #expect(!taken.withLockedValue { $0 })
        #expect(log.lines.withLockedValue { $0 }.contains { $0.contains("and its roster keep serving") })
    }
}
