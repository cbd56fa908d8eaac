import FastAGIServer
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Drives many simulated calls at a FastAGI controller and reports what capacity planning needs.
public struct LoadRunner {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 4573
        public var calls = 1000
        public var concurrency = 100
        /// Calls started per second; nil starts a new call as soon as one ends.
        public var ratePerSecond: Double?
        public var script = LoadScript()
        /// The controller's process id, to read its CPU time and memory from /proc.
        public var pid: Int32?
        public var threads = 1

        public init() {}
    }

    public struct Report: Sendable {
        public var completed: Int
        public var failed: Int
        public var seconds: Double
        public var commands: Int
        public var think: (p50: Double, p99: Double, p999: Double, max: Double)
        public var serverCPUSeconds: Double?
        public var peakHolding: Int
        public var rssIdleKiB: Int?
        public var rssAtPeakKiB: Int?

        public var callsPerSecond: Double { Double(completed) / seconds }
        public var commandsPerSecond: Double { Double(commands) / seconds }
        public var cpuPerCallMilliseconds: Double? { serverCPUSeconds.map { $0 * 1000 / Double(max(1, completed)) } }
        public var rssPerHeldCallKiB: Double? {
            guard let idle = rssIdleKiB, let peak = rssAtPeakKiB, peakHolding > 0 else { return nil }
            return Double(peak - idle) / Double(peakHolding)
        }

        public var text: String {
            var lines = [
                "calls completed \(completed), failed \(failed), in \(String(format: "%.2f", seconds)) s",
                "calls/s \(String(format: "%.1f", callsPerSecond)), commands/s \(String(format: "%.0f", commandsPerSecond))",
                "controller think time (reply sent → next command) p50 \(String(format: "%.0f", think.p50)) µs, p99 \(String(format: "%.0f", think.p99)) µs, p99.9 \(String(format: "%.0f", think.p999)) µs, max \(String(format: "%.0f", think.max)) µs",
            ]
            if let cpu = cpuPerCallMilliseconds { lines.append("controller CPU per call \(String(format: "%.3f", cpu)) ms (\(String(format: "%.2f", serverCPUSeconds ?? 0)) s in all)") }
            if let perCall = rssPerHeldCallKiB {
                lines.append("held calls \(peakHolding): controller RSS \(rssIdleKiB ?? 0) KiB idle → \(rssAtPeakKiB ?? 0) KiB = \(String(format: "%.2f", perCall)) KiB per held call")
            }
            return lines.joined(separator: "\n")
        }
    }

    let options: Options
    public let statistics: LoadStatistics

    public init(options: Options, statistics: LoadStatistics = LoadStatistics()) {
        self.options = options
        self.statistics = statistics
    }

    final class Pacer: Sendable {
        let state = NIOLockedValueBox((started: 0, inFlight: 0, ended: 0))
    }

    public func run() async throws -> Report {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: options.threads)
        let pacer = Pacer()
        let (ends, endContinuation) = AsyncStream.makeStream(of: Void.self)
        let options = options, statistics = statistics
        let cpuBefore = options.pid.flatMap(Self.cpuSeconds)
        let rssIdle = options.pid.flatMap(Self.rssKiB)
        let began = ContinuousClock.now

        @Sendable func startCalls(limit: Int) {
            while true {
                let go = pacer.state.withLockedValue { state -> Bool in
                    guard state.started < options.calls, state.inFlight < limit else { return false }
                    state.started += 1
                    state.inFlight += 1
                    return true
                }
                guard go else { return }
                let ended: @Sendable () -> Void = {
                    let all = pacer.state.withLockedValue { state -> Bool in
                        state.inFlight -= 1
                        state.ended += 1
                        return state.ended == options.calls
                    }
                    if options.ratePerSecond == nil { startCalls(limit: options.concurrency) }
                    if all { endContinuation.finish() }
                }
                ClientBootstrap(group: group)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(AGILineDecoder(maximumLineLength: 1 << 16)))
                            try channel.pipeline.syncOperations.addHandler(SimulatedCaller(script: options.script, statistics: statistics, done: ended))
                        }
                    }
                    .connect(host: options.host, port: options.port)
                    .whenFailure { _ in
                        statistics.finished(success: false)
                        ended()
                    }
                if options.ratePerSecond != nil { return }
            }
        }

        if let rate = options.ratePerSecond {
            let interval = 1 / rate
            var next = ContinuousClock.now
            while pacer.state.withLockedValue({ $0.started }) < options.calls {
                startCalls(limit: options.concurrency)
                next += .microseconds(Int64(interval * 1_000_000))
                try await Task.sleep(until: next, clock: .continuous)
            }
        } else {
            startCalls(limit: options.concurrency)
        }

        // Memory is sampled when the most callers hold in the queue at once.
        var peakHolding = 0
        var rssPeak: Int?
        let sampler = Task {
            while !Task.isCancelled {
                let holding = statistics.holdingNow
                if holding > peakHolding, holding >= options.concurrency * 9 / 10, let pid = options.pid {
                    peakHolding = holding
                    rssPeak = Self.rssKiB(pid)
                }
                try? await Task.sleep(for: .milliseconds(200))
            }
            return (peakHolding, rssPeak)
        }
        for await _ in ends {}
        sampler.cancel()
        let (peak, rss) = await sampler.value
        let elapsed = ContinuousClock.now - began
        try? await group.shutdownGracefully()
        let cpuAfter = options.pid.flatMap(Self.cpuSeconds)
        return Report(completed: statistics.completed, failed: statistics.failed,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      commands: statistics.commands, think: statistics.thinkPercentiles(),
                      serverCPUSeconds: cpuAfter.flatMap { after in cpuBefore.map { after - $0 } },
                      peakHolding: peak, rssIdleKiB: rssIdle, rssAtPeakKiB: rss)
    }

    /// utime + stime of a process, from /proc/PID/stat.
    public static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    public static func rssKiB(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}
