import AdvocateQueue
import CallEngine
import CallLog
import Foundation
import Logging
import ServiceLifecycle

/// Moves the queue's staff figures into the call log every `interval`, and once more when the
/// controller stops, so a shift's last minutes are counted. A write that fails is retried with
/// the next one.
actor StaffActivityRecorder: Service {
    let queue: AdvocateQueueService
    let database: CallLogDatabase
    let granularity: Int64
    let interval: Duration
    let logger: Logger
    /// Drained and not yet written, with when each was drained (its time bucket).
    var pending: [(drained: Date, activity: [StaffActivity])] = []

    init(queue: AdvocateQueueService, database: CallLogDatabase, granularity: Int64, interval: Duration, logger: Logger) {
        self.queue = queue
        self.database = database
        self.granularity = granularity
        self.interval = interval
        self.logger = logger
    }

    func run() async throws {
        let interval = interval
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // Stopping: the last record below writes, outside this cancelled task.
                if Task.isCancelled { break }
                await self.record()
            }
        }
        await record()
    }

    func record() async {
        let drained = await queue.drainStaffActivity()
        if !drained.isEmpty { pending.append((Date(), drained)) }
        while let (at, activity) = pending.first {
            do {
                try await database.recordStaffActivity(activity, at: at, granularity: granularity)
                pending.removeFirst()
            } catch {
                logger.error("call log: the staff figures of \(activity.count) advocates could not be written (\(error)); retrying at the next write")
                return
            }
        }
    }
}
