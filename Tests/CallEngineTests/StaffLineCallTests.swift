import CallEngine
import Dialplan
import Testing

/// Issue 14: the staff line's dialogue, pure. An advocate at a desk phone keys a staff number
/// and PIN, hears where they are in their shift, and chooses; every loop ends.
struct StaffLineCallTests {
    static let ana = StaffLineIdentity(account: "maria", advocate: "ana", status: .loggedOut)

    /// The prompt names an action plays or asks with, in order.
    static func prompts(_ actions: [StaffLineAction]) -> [String] {
        actions.flatMap { action -> [String] in
            switch action {
            case .play(let prompts): prompts.map(\.path)
            case .collect(let request): request.prompts.map(\.path)
            default: []
            }
        }
    }

    @Test func anAdvocateLogsInWithTheirNumberAndPIN() {
        var line = StaffLineCall()
        let start = line.start()
        #expect(start.first == .answer)
        #expect(start.last == .collect(CollectRequest(prompts: [Prompt(name: "enter-number", language: "staff")], maxDigits: 8, timeoutSeconds: 8, terminator: "#")))
        #expect(Self.prompts(line.handle(.entered("4107"))) == ["staff/enter-pin"])
        #expect(line.handle(.entered("246810")) == [.askDesk(.check(StaffLineCredentials(number: "4107", pin: "246810")))])
        let menu = line.handle(.deskAnswered(.recognised(Self.ana)))
        #expect(Self.prompts(menu) == ["staff/state-logged-out", "staff/menu"])
        #expect(line.handle(.entered("1")) == [.askDesk(.perform(.logIn, for: Self.ana))])
        let done = line.handle(.deskAnswered(.done(.available)))
        #expect(Self.prompts(done) == ["staff/state-available", "staff/goodbye"] && done.last == .hangUp)
        #expect(line.ended)
        #expect(line.handle(.hungUp).isEmpty)
    }

    @Test func aPauseAsksWhyFromTheFixedList() {
        for (key, reason) in zip(["1", "2", "3", "4", "5"], PauseReason.chosen) {
            var line = StaffLineCall()
            _ = line.start()
            _ = line.handle(.entered("4107"))
            _ = line.handle(.entered("246810"))
            _ = line.handle(.deskAnswered(.recognised(StaffLineIdentity(account: "maria", advocate: "ana", status: .available))))
            #expect(Self.prompts(line.handle(.entered("2"))) == ["staff/pause-reasons"])
            #expect(line.handle(.entered(key)) == [.askDesk(.perform(.pause(reason), for: StaffLineIdentity(account: "maria", advocate: "ana", status: .available)))])
        }
        #expect(!PauseReason.chosen.contains(.phoneUnreachable), "only the queue says a phone is unreachable")
    }

    @Test func threeWrongPINsEndTheCall() {
        var line = StaffLineCall()
        _ = line.start()
        for attempt in 1...3 {
            _ = line.handle(.entered("4107"))
            #expect(line.handle(.entered("999999")) == [.askDesk(.check(StaffLineCredentials(number: "4107", pin: "999999")))])
            let after = line.handle(.deskAnswered(.refused))
            if attempt < 3 {
                #expect(Self.prompts(after) == ["staff/refused", "staff/enter-number"])
            } else {
                #expect(Self.prompts(after) == ["staff/refused", "staff/goodbye"] && after.last == .hangUp)
            }
        }
        #expect(line.ended)
    }

    @Test func aPINOfTheWrongLengthIsAWrongPINWithoutAskingTheDesk() {
        var line = StaffLineCall()
        _ = line.start()
        _ = line.handle(.entered("4107"))
        let after = line.handle(.entered("12"))
        #expect(Self.prompts(after) == ["staff/refused", "staff/enter-number"])
        #expect(!after.contains { if case .askDesk = $0 { true } else { false } })
    }

    @Test func silenceAndWrongKeysAreAskedAgainThreeTimesAtMost() {
        var line = StaffLineCall()
        _ = line.start()
        #expect(Self.prompts(line.handle(.noInput)) == ["staff/no-input", "staff/enter-number"])
        #expect(Self.prompts(line.handle(.entered("12"))) == ["staff/invalid", "staff/enter-number"], "two digits are not a staff number")
        let last = line.handle(.noInput)
        #expect(Self.prompts(last) == ["staff/no-input", "staff/goodbye"] && last.last == .hangUp)

        var menu = StaffLineCall()
        _ = menu.start()
        _ = menu.handle(.entered("4107"))
        _ = menu.handle(.entered("246810"))
        _ = menu.handle(.deskAnswered(.recognised(Self.ana)))
        #expect(Self.prompts(menu.handle(.entered("7"))) == ["staff/invalid", "staff/menu"])
        #expect(Self.prompts(menu.handle(.entered("1"))).isEmpty, "a good key resets the count")
    }

    @Test func aThrottledOrUnsetStaffLineSaysSoAndHangsUp() {
        for (answer, prompt) in [(StaffLineDeskAnswer.throttled, "staff/too-many-tries"), (.unavailable, "staff/unavailable")] {
            var line = StaffLineCall()
            _ = line.start()
            _ = line.handle(.entered("4107"))
            _ = line.handle(.entered("246810"))
            let after = line.handle(.deskAnswered(answer))
            #expect(Self.prompts(after) == [prompt, "staff/goodbye"] && after.last == .hangUp)
        }
    }

    @Test func aChangeTheQueueCannotMakeIsSaid() {
        var line = StaffLineCall()
        _ = line.start()
        _ = line.handle(.entered("4107"))
        _ = line.handle(.entered("246810"))
        _ = line.handle(.deskAnswered(.recognised(Self.ana)))
        _ = line.handle(.entered("9"))
        #expect(Self.prompts(line.handle(.deskAnswered(.notPossible))) == ["staff/not-possible", "staff/goodbye"])
    }

    @Test func everyPromptItCanPlayIsListedForParity() {
        var heard = Set<String>()
        for status in AgentStatus.allCases {
            var line = StaffLineCall()
            heard.formUnion(Self.prompts(line.start()))
            heard.formUnion(Self.prompts(line.handle(.noInput)))
            heard.formUnion(Self.prompts(line.handle(.entered("x"))))
            heard.formUnion(Self.prompts(line.handle(.entered("4107"))))
            heard.formUnion(Self.prompts(line.handle(.entered("1"))))
            _ = line.handle(.entered("4107"))
            _ = line.handle(.entered("246810"))
            heard.formUnion(Self.prompts(line.handle(.deskAnswered(.recognised(StaffLineIdentity(account: "m", advocate: "a", status: status))))))
            heard.formUnion(Self.prompts(line.handle(.entered("2"))))
            _ = line.handle(.entered("1"))
            heard.formUnion(Self.prompts(line.handle(.deskAnswered(.done(status)))))
        }
        for answer in [StaffLineDeskAnswer.throttled, .unavailable] {
            var line = StaffLineCall()
            _ = line.start()
            _ = line.handle(.entered("4107"))
            _ = line.handle(.entered("246810"))
            heard.formUnion(Self.prompts(line.handle(.deskAnswered(answer))))
        }
        var refused = StaffLineCall()
        _ = refused.start()
        _ = refused.handle(.entered("4107"))
        _ = refused.handle(.entered("246810"))
        _ = refused.handle(.deskAnswered(.recognised(Self.ana)))
        _ = refused.handle(.entered("9"))
        heard.formUnion(Self.prompts(refused.handle(.deskAnswered(.notPossible))))
        let listed = Set(StaffLineCall.promptNames.map { "staff/\($0)" })
        #expect(heard.isSubset(of: listed), "not listed: \(heard.subtracting(listed))")
        #expect(listed.subtracting(heard).isEmpty, "listed but never played: \(listed.subtracting(heard))")
    }

    @Test func credentialsNeverPrintTheirDigits() {
        let credentials = StaffLineCredentials(number: "4107", pin: "246810")
        #expect(!"\(credentials)".contains("4107") && !"\(credentials)".contains("246810"))
    }
}
