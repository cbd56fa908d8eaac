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
    var pending: [String: StaffActivity] = [:]

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
                await self.record()
            }
        }
        await record()
    }

    func record() async {
        for activity in await queue.drainStaffActivity() { pending[activity.advocate, default: StaffActivity(advocate: activity.advocate)].merge(activity) }
        guard !pending.isEmpty else { return }
        do {
            try await database.recordStaffActivity(Array(pending.values), at: Date(), granularity: granularity)
            pending.removeAll()
        } catch {
            logger.error("call log: the staff figures of \(pending.count) advocates could not be written (\(error)); retrying at the next write")
        }
    }
}
