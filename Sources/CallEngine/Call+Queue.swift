import Dialplan
import Foundation

/// The queue conversation: hold, announcements, offers to advocates and what came of them.
extension Call {
    /// Slack between the PBX's measure of a conversation and the controller's own clock.
    static let clockSlackSeconds = 2.0

    mutating func queueConversation(_ event: CallEvent, in id: StateID, _ queue: QueueStep<StateID>, _ stage: QueueStage, at now: Date,
                                    _ actions: inout [CallAction]) {
        switch (event, stage) {
        case (.queueWaiting, .joining):
            phase = .queued(id, .holding)
            actions.append(.hold(music: queue.music))
        case (.queueWaiting, _):
            break
        case (.queueAnnouncement(let position, let wait), .holding), (.queueAnnouncement(let position, let wait), .joining):
            guard let parts = announcement(queue, position: position, estimatedWaitSeconds: wait) else {
                if stage == .joining { queueConversation(.queueWaiting, in: id, queue, stage, at: now, &actions) }
                return
            }
            phase = .queued(id, .announcing(news: nil))
            if stage == .holding { actions.append(.stopHold) }
            actions.append(.announce(parts, escapeDigits: keysWhileWaiting(queue)))
        case (.queueAnnouncement, .announcing), (.queueAnnouncement, .ringing):
            break
        case (.advocateOffered(let offer), .holding), (.advocateOffered(let offer), .joining):
            phase = .queued(id, .ringing(offer, since: now))
            actions.append(.offer(offer, music: queue.music))
        case (.advocateOffered(let offer), .announcing):
            phase = .queued(id, .announcing(news: .offer(offer)))
        case (.queueResult(let result), .holding):
            actions.append(.stopHold)
            resolved(result, queue, at: now, &actions)
        case (.queueResult(let result), .joining):
            resolved(result, queue, at: now, &actions)
        case (.queueResult(let result), .announcing):
            phase = .queued(id, .announcing(news: .resolved(result)))
        case (.advocateOffered, .ringing), (.queueResult, .ringing):
            break
        case (.announcementFinished(let key), .announcing(let news)):
            if let key {
                keyWhileWaiting(String(key), in: id, musicOn: false, at: now, &actions)
                guard case .queued = phase else { return }
            }
            switch news {
            case .offer(let offer)?:
                phase = .queued(id, .ringing(offer, since: now))
                actions.append(.offer(offer, music: queue.music))
            case .resolved(let result)?:
                resolved(result, queue, at: now, &actions)
            case .announce?, .waiting?, nil:
                phase = .queued(id, .holding)
                if actions.isEmpty { actions.append(.hold(music: queue.music)) }
            }
        case (.offerFinished(let result), .ringing(let offer, let since)):
            offerFinished(result, offer: offer, ringingSince: since, in: id, queue, at: now, &actions)
        case (.announcementFinished, _), (.offerFinished, _):
            break
        default:
            preconditionFailure("\(event) is not part of the queue conversation")
        }
    }

    /// The keys that mean something while waiting: the queue's own and the plan-wide ones.
    func keysWhileWaiting(_ queue: QueueStep<StateID>) -> String {
        var keys = queue.choices.map(\.key.value).joined()
        for key in plan.planKeyDigits where !keys.contains(key) { keys.append(key) }
        return keys
    }

    func announcement(_ queue: QueueStep<StateID>, position: Int, estimatedWaitSeconds wait: Int?) -> [AnnouncementPart]? {
        guard let prompts = queue.announcement else { return nil }
        var parts: [AnnouncementPart] = [.prompt(resolve([prompts.position])[0]), .number(position, language: language)]
        if let wait {
            let minutes = max(1, Int((Double(wait) / 60).rounded()))
            parts += [.prompt(resolve([prompts.wait])[0]), .number(minutes, language: language), .prompt(resolve([prompts.minutes])[0])]
        }
        return parts
    }

    private mutating func resolved(_ result: QueueResult, _ queue: QueueStep<StateID>, at now: Date, _ actions: inout [CallAction]) {
        stopClocks(at: now)
        switch result {
        case .timedOut:
            overflowed = true
            enter(queue.timedOut, at: now, &actions)
        case .noAdvocates:
            // A staffing gap unless the plan says more on the way (e.g. it is after hours).
            ending = .noAdvocates
            enter(queue.noAdvocates, at: now, &actions)
        }
    }

    private mutating func offerFinished(_ result: DialResult, offer: QueueOffer, ringingSince since: Date, in id: StateID,
                                        _ queue: QueueStep<StateID>, at now: Date, _ actions: inout [CallAction]) {
        switch result {
        case .answered(let reported):
            // The conversation is over. It began `talk` seconds ago, when the wait ended; a length
            // the PBX could not give (or gave out of all range) is kept as unknown, and the wait
            // then ends when the advocate's phone began to ring.
            let longest = now.timeIntervalSince(since) + Self.clockSlackSeconds
            let talk = reported.flatMap { $0.isFinite && $0 >= 0 && $0 <= longest ? min($0, now.timeIntervalSince(since)) : nil }
            let conversationStart = talk.map { now.addingTimeInterval(-$0) } ?? since
            if let waitingSince { secondsWaiting += max(0, conversationStart.timeIntervalSince(waitingSince)) }
            waitingSince = nil
            secondsWithAdvocate = talk ?? 0
            talkTimeUnknown = talk == nil
            interpreter = offer.interpreter
            ending = .advocate
            actions.append(.reportOffer(.answered(talkSeconds: talk)))
            if let after = queue.after {
                enter(after, at: now, &actions)
            } else {
                actions += [.hangUp, .logOutcome(finish(at: now))]
            }
        case .busy, .noAnswer, .unreachable:
            phase = .queued(id, .holding)
            actions += [.reportOffer(result), .hold(music: queue.music)]
        case .callerGone:
            actions.append(.leaveQueue)
            classifyHangUp(at: now)
            actions.append(.logOutcome(finish(at: now)))
        }
    }
}
