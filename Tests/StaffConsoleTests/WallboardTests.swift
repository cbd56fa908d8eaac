@testable import AdvocateQueue
import Foundation
@testable import StaffConsole
import Testing

/// The wallboard's alerts: a plan language nobody signed in takes, and a caller waiting longer
/// than the queue's `alert_after`.
struct WallboardTests {
    static let session = ConsoleSession(id: "s", account: "sam", role: .supervisor, advocate: nil, csrfToken: "t", started: Date(), lastSeen: Date())

    static func board(longest: Int, alertAfter: [String: Int]) -> Wallboard {
        let status = QueueStatus(waiting: [.init(queue: "advocates", language: "es", priority: 1, calls: 2, longestWaitSeconds: longest)],
                                 longestWaitSeconds: longest,
                                 agents: [.init(id: "ana", status: .onCall, languages: ["en", "es"], callsTaken: 3, offer: .init(language: "es", interpreter: false))],
                                 agentsByStatus: ["on_call": 1])
        return Wallboard(status: status, planVersion: "p1", planLanguages: ["en", "es", "zh"], alertAfter: alertAfter)
    }

    @Test func aCallerWaitingPastTheQueuesLimitIsAnAlert() {
        let html = Self.board(longest: 400, alertAfter: ["advocates": 300]).html(for: Self.session)
        #expect(html.contains("A es caller in &#39;advocates&#39; has waited 6 min 40 s, over the plan&#39;s 5 min 0 s.") || html.contains("A es caller in 'advocates' has waited 6 min 40 s, over the plan's 5 min 0 s."), "\(html)")
        #expect(html.contains("Nobody signed in takes zh"))
        #expect(html.contains("on a call (es)"))
    }

    @Test func withinTheLimitOrWithoutOneThereIsNoWaitAlert() {
        #expect(!Self.board(longest: 200, alertAfter: ["advocates": 300]).html(for: Self.session).contains("has waited"))
        #expect(!Self.board(longest: 4000, alertAfter: [:]).html(for: Self.session).contains("has waited"))
    }
}
