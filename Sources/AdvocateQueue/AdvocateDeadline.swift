import Foundation

/// When an advocate's own timer may come due: their wrap-up ends, their rest after an offer not
/// taken ends, or their phone has rung as long as the offer lasts. Only a wake-up: when it comes
/// due, the advocate's state says what (if anything) is due, so one made stale by a later change
/// costs a look and nothing else.
struct AdvocateDeadline: HeapOrdered {
    var at: Date
    var advocate: String

    func precedes(_ other: AdvocateDeadline) -> Bool {
        (at, advocate) < (other.at, other.advocate)
    }
}
