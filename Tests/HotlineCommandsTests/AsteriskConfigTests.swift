import Dialplan
import FastAGI
import Foundation
import Testing

/// Issue 13, item 2 and 5: deploy/asterisk is internally consistent and fits the default plan and
/// roster. What a real Asterisk 22.10.1 with chan_pjsip does with the files was checked by hand
/// (the closing note says how); this keeps the references right whenever someone edits them.
@Suite struct AsteriskConfigTests {
    static let folder = ProcessRun.root.appendingPathComponent("deploy/asterisk")

    static func file(_ name: String) throws -> AsteriskConfigFile {
        try AsteriskConfigFile(folder.appendingPathComponent(name))
    }

    @Test func everyShippedFileReadsCleanly() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted() where name.hasSuffix(".conf") {   // the .hotline files are lines to add to one
            let file = try Self.file(name)
            #expect(file.problems == [], "\(name)")
        }
    }

    @Test func everyAuthAndAorAnEndpointNamesExists() throws {
        let pjsip = try Self.file("pjsip.conf")
        let auths = pjsip.names(ofType: "auth"), aors = pjsip.names(ofType: "aor"), endpoints = pjsip.names(ofType: "endpoint")
        #expect(!endpoints.isEmpty)
        for section in pjsip.sections where !section.isTemplate {
            #expect(section.value("type") != nil, "pjsip.conf:\(section.line): [\(section.name)] has no type")
        }
        for endpoint in pjsip.objects(ofType: "endpoint") {
            for name in endpoint.values("auth") + endpoint.values("outbound_auth") {
                #expect(auths.contains(name), "pjsip.conf:\(endpoint.line): [\(endpoint.name)] names auth '\(name)', which is not defined")
            }
            let named = endpoint.values("aors").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            #expect(!named.isEmpty, "pjsip.conf:\(endpoint.line): [\(endpoint.name)] has no aor: it cannot be dialed")
            for name in named {
                #expect(aors.contains(name), "pjsip.conf:\(endpoint.line): [\(endpoint.name)] names aor '\(name)', which is not defined")
            }
        }
        for identify in pjsip.objects(ofType: "identify") {
            #expect(endpoints.contains(identify.value("endpoint") ?? ""), "pjsip.conf:\(identify.line): identify names no endpoint that exists")
        }
        for aor in pjsip.objects(ofType: "aor") where aor.value("contact") == nil {
            // A phone that registers: one contact, and a new registration replaces the old one.
            #expect(aor.value("max_contacts") == "1" && aor.value("remove_existing") == "yes", "pjsip.conf:\(aor.line): [\(aor.name)]")
        }
        for auth in pjsip.objects(ofType: "auth") {
            #expect(auth.value("username") == auth.name, "pjsip.conf:\(auth.line): [\(auth.name)] logs in as '\(auth.value("username") ?? "")'")
        }
    }

    /// Every destination the default plan transfers to, every desk the roster rings and every phone
    /// of the fallback's backup group is an endpoint: "endpoint 'emergency' was not found" once
    /// sent every emergency transfer on to the queue.
    @Test func everyEndpointThePlanTheRosterAndTheFallbackDialExists() throws {
        let endpoints = try Self.file("pjsip.conf").names(ofType: "endpoint")
        let planText = try String(contentsOf: ProcessRun.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8)
        let plan = try #require(Dialplan.compile(planText, file: "hotline.yaml", prompts: nil).plan)
        var dialed: [String] = []
        for state in plan.states {
            if case .transfer(let transfer) = state.action { dialed.append(transfer.destination.value) }
        }
        #expect(dialed.count >= 2)
        let roster = try String(contentsOf: ProcessRun.root.appendingPathComponent("Dialplans/roster.yaml"), encoding: .utf8)
        let desks = roster.components(separatedBy: "endpoint: ").dropFirst().map { String($0.prefix { $0 != "," && $0 != "}" }) }
        #expect(desks.count == 4)
        let globals = try #require(try Self.file("extensions.conf").sections.first { $0.name == "globals" })
        let backup = (globals.value("HOTLINE_BACKUP") ?? "").split(separator: "&").map(String.init)
        #expect(!backup.isEmpty)
        for dial in dialed + desks + backup {
            #expect(dial.hasPrefix("PJSIP/"), "\(dial)")
            let resource = dial.dropFirst("PJSIP/".count)
            let endpoint = resource.split(separator: "@").last.map(String.init) ?? ""
            #expect(endpoints.contains(endpoint), "'\(dial)' dials endpoint '\(endpoint)', which pjsip.conf does not define")
        }
    }

    /// Only the transfer destinations present an identity (the hotline's, set by the pre-dial
    /// routine); nothing trusts or sends one otherwise, and nothing takes calls from anyone.
    @Test func onlyTransferLegsPresentAnIdentity() throws {
        let pjsip = try Self.file("pjsip.conf")
        let transferred = Set(["referrals", "emergency"])
        for endpoint in pjsip.objects(ofType: "endpoint") {
            #expect(endpoint.value("trust_id_inbound") == "no", "[\(endpoint.name)]")
            #expect(endpoint.value("trust_id_outbound") == "no", "[\(endpoint.name)]")
            #expect(endpoint.value("send_rpid") == "no", "[\(endpoint.name)]")
            #expect(endpoint.value("send_pai") == (transferred.contains(endpoint.name) ? "yes" : "no"), "[\(endpoint.name)]")
        }
        #expect(!pjsip.names(ofType: "endpoint").contains("anonymous"))
        // An endpoint without a password is only ever its address: with Asterisk's default
        // identify_by (username,ip) a From user of 'tollfree-trunk' from anywhere was answered
        // (seen on Asterisk 22.10.1 with chan_pjsip).
        for endpoint in pjsip.objects(ofType: "endpoint") where endpoint.value("auth") == nil {
            #expect(endpoint.value("identify_by") == "ip", "[\(endpoint.name)] has no auth: identify_by=ip")
        }
        let global = try #require(pjsip.objects(ofType: "global").first)
        #expect(global.value("debug") == "no")
    }

    /// The contexts the controller names in its commands and the endpoints' contexts exist, and
    /// every Gosub goes somewhere.
    @Test func everyContextNamedExists() throws {
        let extensions = try Self.file("extensions.conf")
        let contexts = extensions.sectionNames
        for endpoint in try Self.file("pjsip.conf").objects(ofType: "endpoint") {
            #expect(contexts.contains(endpoint.value("context") ?? ""), "[\(endpoint.name)] context=\(endpoint.value("context") ?? "")")
        }
        let preDial = AGISettings().transferPreDialRoutine.split(separator: "^").first.map(String.init) ?? ""
        #expect(contexts.contains(preDial), "the controller's transfers run [\(preDial)] before ringing")
        #expect(contexts.contains("hotline-whisper"))
        for section in extensions.sections {
            for line in section.lines where line.value.contains("Gosub(") {
                let target = line.value.components(separatedBy: "Gosub(")[1].prefix { $0 != "," }
                #expect(contexts.contains(String(target)), "extensions.conf:\(line.line): Gosub to [\(target)], which does not exist")
            }
        }
    }

    /// The inbound path: national and +E.164 DIDs, the caller blanked before the controller is
    /// called, and the fallback's backup Dial goes on (`g`) to the after-hours message.
    @Test func theInboundPathBlanksTheCallerFirstAndFallsBackUsefully() throws {
        let extensions = try Self.file("extensions.conf")
        let inbound = try #require(extensions.sections.first { $0.name == "hotline-inbound" })
        let patterns = Set(inbound.values("exten").map { String($0.prefix { $0 != "," }) })
        #expect(patterns == ["_X.", "_+X."])
        let call = try #require(extensions.sections.first { $0.name == "hotline-call" })
        let steps = call.lines.map(\.value)
        let agi = try #require(steps.firstIndex { $0.contains("AGI(") })
        for blanking in ["CDR_PROP(disable)=1", "CALLERID(num)=)", "CALLERID(name)=)", "CALLERID(ANI-num)=)", "CALLERID(pres)=prohib"] {
            let index = try #require(steps.firstIndex { $0.contains(blanking) }, "\(blanking)")
            #expect(index < agi, "\(blanking) must come before AGI")
        }
        let backup = try #require(steps.first { $0.contains("Dial(${GLOBAL(HOTLINE_BACKUP)}") })
        let options = backup.components(separatedBy: ",").last?.dropLast() ?? ""
        #expect(options.contains("g"), "\(backup)")
        let afterBackup = steps.drop { !$0.contains("HOTLINE_BACKUP") }.dropFirst()
        #expect(afterBackup.contains { $0.contains("after_hours") })
        #expect(!steps.contains { $0.contains("CHANNEL(language)=en") }, "the fallback's language comes from the DID, not a fixed one")
    }

    /// The staff line: advocates' desk phones dial *55, which runs the controller's staff script
    /// (each controller in turn) and, when none answers, says so with a prompt that exists.
    @Test func advocatesReachTheStaffLineFromTheirDeskPhones() throws {
        let extensions = try Self.file("extensions.conf")
        let agents = try #require(extensions.sections.first { $0.name == "hotline-agents" })
        #expect(agents.values("exten").contains { $0.hasPrefix("*55,1,Gosub(hotline-staff-line,s,1)") }, "\(agents.values("exten"))")
        let line = try #require(extensions.sections.first { $0.name == "hotline-staff-line" })
        let steps = line.lines.map(\.value)
        #expect(steps.first?.contains("CDR_PROP(disable)=1") == true)
        #expect(steps.contains { $0.contains("AGI(${URL})") })
        let globals = try #require(extensions.sections.first { $0.name == "globals" })
        let urls = globals.lines.filter { $0.key.hasPrefix("HOTLINE_STAFF_") }.map(\.value)
        #expect(!urls.isEmpty && urls.allSatisfy { $0.hasSuffix("/\(AGIStaffLineSession.scriptName)") }, "\(urls)")
        let down = try #require(steps.first { $0.contains("Playback(hotline/") })
        let prompt = down.components(separatedBy: "Playback(hotline/")[1].prefix { $0 != ")" }
        #expect(FileManager.default.fileExists(atPath: ProcessRun.root.appendingPathComponent("Prompts/\(prompt).wav").path), "\(down)")
    }

    /// Asterisk's own logs cannot hold a caller identifier: NOTICE (unmatched and rejected
    /// requests print the From header and Call-ID), SECURITY, VERBOSE and DEBUG stay off.
    @Test func asterisksLogsCannotWriteACaller() throws {
        let logger = try Self.file("logger.conf")
        let files = try #require(logger.sections.first { $0.name == "logfiles" })
        #expect(!files.lines.isEmpty, "an empty [logfiles] logs everything to the console")
        for channel in files.lines {
            let levels = Set(channel.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(levels.isSubset(of: ["error"]), "logger.conf:\(channel.line): \(channel.key) => \(channel.value)")
        }
        let general = try #require(logger.sections.first { $0.name == "general" })
        #expect(general.value("queue_log") == "no")
        let pjproject = try #require(try Self.file("pjproject.conf").sections.first { $0.name == "startup" })
        #expect(pjproject.value("log_level") == "0")
        let modules = try String(contentsOf: Self.folder.appendingPathComponent("modules.conf.hotline"), encoding: .utf8)
        for module in ["res_pjsip_logger.so", "res_security_log.so", "res_pjsip_history.so", "cdr_csv.so"] {
            #expect(modules.contains("noload => \(module)"), "\(module)")
        }
    }
}
