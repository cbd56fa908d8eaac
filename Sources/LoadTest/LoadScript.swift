/// What each simulated caller does, answering commands the way Asterisk does
/// (../shared/interop/asterisk/): which keys they press at menus, how long an advocate's
/// conversation lasts, whether they hold in the queue or hang up after some command.
public struct LoadScript: Sendable {
    /// Keys for menu waits (WAIT FOR DIGIT up to a minute), in order; then no key.
    public var keys: [UInt8]
    /// How long a Dial to an advocate takes before it returns answered.
    public var talkMilliseconds: Int
    /// Hold in the queue this long (seconds), then hang up; nil waits for the controller.
    public var holdSeconds: Double?
    /// Hang up instead of answering this command (1 = the first); nil never.
    public var hangUpAtCommand: Int?

    public init(keys: String = "21", talkMilliseconds: Int = 0, holdSeconds: Double? = nil, hangUpAtCommand: Int? = nil) {
        self.keys = Array(keys.utf8)
        self.talkMilliseconds = talkMilliseconds
        self.holdSeconds = holdSeconds
        self.hangUpAtCommand = hangUpAtCommand
    }

    /// The environment block, with made-up caller identifiers the controller must drop.
    static let environment = """
    agi_network: yes
    agi_network_script: hotline
    agi_request: agi://127.0.0.1/hotline
    agi_channel: PJSIP/loadtest-00000001
    agi_language: en
    agi_type: PJSIP
    agi_uniqueid: 1800000000.1
    agi_version: 22.10.1
    agi_callerid: 5550100000
    agi_calleridname: LOAD TEST
    agi_callingpres: 0
    agi_callingani2: 0
    agi_callington: 0
    agi_callingtns: 0
    agi_dnid: 8883737888
    agi_rdnis: unknown
    agi_context: hotline
    agi_extension: 8883737888
    agi_priority: 1
    agi_enhanced: 0.0
    agi_accountcode: loadtest
    agi_threadid: 1

    """ + "\n"
}
