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

    /// A reload whose `load` blocks until `release` is signalled, on its first read only.
    static func stuckReloader(timeout: Double, log: CapturedLog, plans: PlanStore, release: DispatchSemaphore,
                              reads: NIOLockedValueBox<Int>) -> PlanReloadService {
        PlanReloadService(plans: plans, logger: log.logger, timeoutSeconds: timeout) {
            if reads.withLockedValue({ count in
                count += 1
                return count == 1
            }) { release.wait() }
            return .init(compilation: Dialplan.compile("", file: "none", prompts: nil))
        }
    }

    /// A read that never returns (a FIFO opened for reading) used to take a cooperative thread
    /// for good; two of them took the whole pool on a 2-core machine. Here more reloads than the
    /// pool has threads wait on a read that is stuck, and async work still runs beside them: with
    /// the reads on the pool, this test would hang until its time limit.
    @Test(.timeLimit(.minutes(1))) func aStuckReadLeavesTheCooperativePoolFree() async throws {
        let plans = PlanStore(Plans.hotline)
        let release = DispatchSemaphore(value: 0)
        let reads = NIOLockedValueBox(0)
        let reloader = Self.stuckReloader(timeout: 120, log: CapturedLog(), plans: plans, release: release, reads: reads)
        let threads = ProcessInfo.processInfo.activeProcessorCount + 2
        let reports = Task {
            await withTaskGroup(of: PlanReloadService.Report.self) { group in
                for _ in 0..<threads { group.addTask { await reloader.report() } }
                var reports: [PlanReloadService.Report] = []
                for await report in group { reports.append(report) }
                return reports
            }
        }
        while reads.withLockedValue({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        // The read is stuck now. Work on the pool still gets threads:
        let done = await withTaskGroup(of: Int.self) { group in
            for i in 0..<(threads * 4) { group.addTask { try? await Task.sleep(for: .milliseconds(1)); return i } }
            return await group.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        }
        #expect(done == threads * 4)
        release.signal()
        let finished = await reports.value
        #expect(reads.withLockedValue { $0 } == 1, "one read at a time")
        #expect(finished.filter { $0.errors.first?.hasPrefix("another reload is still reading the files") == true }.count == threads - 1)
        #expect(plans.current.version == Plans.hotline.version)
    }

    @Test func aReadThatTakesTooLongIsGivenUp() async throws {
        let log = CapturedLog()
        let plans = PlanStore(Plans.hotline)
        let release = DispatchSemaphore(value: 0)
        let reads = NIOLockedValueBox(0)
        let reloader = Self.stuckReloader(timeout: 0.3, log: log, plans: plans, release: release, reads: reads)
        let report = await reloader.report()
        #expect(!report.reloaded)
        #expect(report.errors == ["reading the plan's files took more than 0.3 s; a file may be on a stalled disk or not be a regular file"])
        #expect(log.lines.withLockedValue { $0 }.contains { $0.contains("plan reload refused") })
        release.signal()
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
