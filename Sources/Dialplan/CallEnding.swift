/// How a call ended, in the words a hotline's statistics use. Stored in the call log by raw value.
public enum CallEnding: String, Sendable, Hashable, CaseIterable, Codable {
    /// The caller spoke with an advocate.
    case advocate
    /// The caller hung up in the menus before reaching anyone or any message.
    case abandonedInIVR = "abandoned_in_ivr"
    /// The caller hung up while waiting for an advocate.
    case abandonedInQueue = "abandoned_in_queue"
    /// The caller heard the after-hours message with the alternatives.
    case afterHours = "after_hours"
    /// The caller asked for an advocate while the hotline was open and nobody who could take
    /// the call was logged in: a staffing gap, not after-hours demand. Set when the queue says
    /// so; a plan may declare it too.
    case noAdvocates = "no_advocates"
    /// The hotline could not serve calls as it should (an outage): a plan routes its entries to
    /// an outage message and declares this, so the statistics show the outage for what it was.
    case outage
    /// The caller left a recorded message.
    case message
    /// The caller was transferred to a referral or partner line.
    case transferred
    /// The caller took the emergency path.
    case emergency
    /// The caller heard what they came for and the hotline said goodbye.
    case goodbye
    /// The caller never answered a menu and the hotline hung up.
    case noInput = "no_input"
    /// Something failed (the PBX, a channel, the plan); the call was ended cleanly.
    case error
    /// The controller stopped without warning (killed, a power cut) while the call was up; the
    /// start journal counts it at the next start. Nothing more is known about how it went.
    case interrupted

    /// Endings a dialplan may declare on a state or a `hangup`. The others come from what happens.
    public static let declarable: [CallEnding] = [.afterHours, .noAdvocates, .outage, .message, .transferred, .emergency, .goodbye, .noInput]
}
