import Foundation

/// Where a waiting caller is in the queue conversation.
public enum QueueStage: Hashable, Sendable {
    /// Just asked the queue: an advocate may be free at once (then the call is offered without
    /// hold music in between), or the queue says the caller waits.
    case joining
    /// On hold with music, the channel listening for keys.
    case holding
    /// Hearing an announcement. An offer or the end of the wait that came meanwhile waits in
    /// `news` for the announcement to end (channels end it early when they have news).
    case announcing(news: QueueSignal?)
    /// An advocate's phone rings for the caller (the offer went out at `since`).
    case ringing(QueueOffer, since: Date)
}
