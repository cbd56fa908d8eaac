import Simulator

/// A transcript as text an administrator reads top to bottom.
enum TranscriptPrinter {
    static func text(_ transcript: Transcript) -> String {
        var out = "Simulated call to \(transcript.plan) (plan \(transcript.planVersion)), dialed \(transcript.dialedNumber ?? "an unlisted number"), starting \(transcript.localStart)\n"
        for line in transcript.lines {
            let clock = minutesSeconds(line.at)
            switch line.kind {
            case .state: out += "\(clock)  → \(line.text)\n"
            case .action: out += "\(clock)      \(line.text)\n"
            case .caller: out += "\(clock)    * \(line.text)\n"
            case .subtitle: out += "               \(line.text)\n"
            }
        }
        let o = transcript.outcome
        out += """
        Outcome: \(o.ending.rawValue), ended in '\(o.endedIn)', language \(o.language), campaign \(o.campaign)
          path: \(o.path.joined(separator: " → "))
          choices: \(o.choices.isEmpty ? "none" : o.choices.joined(separator: ", "))
          \(Int(o.secondsInIVR.rounded())) s in the IVR, \(Int(o.secondsWaiting.rounded())) s waiting, \(Int(o.secondsWithAdvocate.rounded())) s with an advocate, \(o.retries) retries
        """
        if !transcript.unusedSteps.isEmpty {
            out += "\nnote: the call ended before these script steps: \(transcript.unusedSteps.joined(separator: ", "))"
        }
        return out
    }

    static func minutesSeconds(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let s = total % 60
        return "\(total / 60):\(s < 10 ? "0" : "")\(s)".padding(toLength: 6, withPad: " ", startingAt: 0)
    }
}
