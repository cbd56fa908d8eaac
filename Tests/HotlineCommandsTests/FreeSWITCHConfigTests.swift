import Dialplan
import EventSocket
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Issue 16: deploy/freeswitch is well-formed and keeps what the transcripts teach: anonymity
/// before the socket, `async full`, `socket_resume=true`, a fallback after the socket, and every
/// destination the default plan and roster dial has its FreeSWITCH counterpart in the files.
@Suite struct FreeSWITCHConfigTests {
    static let folder = ProcessRun.root.appendingPathComponent("deploy/freeswitch")

    /// The elements of an XML file in document order, with their attributes.
    final class Elements: NSObject, XMLParserDelegate {
        var found: [(name: String, attributes: [String: String])] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            found.append((name, attributes))
        }
    }

    static func elements(_ path: String) throws -> [(name: String, attributes: [String: String])] {
        let parser = XMLParser(data: try Data(contentsOf: folder.appendingPathComponent(path)))
        let elements = Elements()
        parser.delegate = elements
        #expect(parser.parse(), "\(path): \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        return elements.found
    }

    static var files: [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        return (walker?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".xml") }.sorted()
    }

    @Test func everyFileIsWellFormedXML() throws {
        #expect(Self.files.count >= 5, "\(Self.files)")
        for file in Self.files { _ = try Self.elements(file) }
    }

    @Test func callsAreAnonymousBeforeTheSocketAndFallBackAfterIt() throws {
        let elements = try Self.elements("dialplan/hotline.xml")
        let actions = elements.filter { $0.name == "action" }.map { "\($0.attributes["application"] ?? "") \($0.attributes["data"] ?? "")" }
        let socket = try #require(actions.firstIndex { $0.hasPrefix("socket ") })
        for needed in ["set process_cdr=false", "set_profile_var caller_id_number=0000000000", "set_profile_var caller_id_name=Hotline",
                       "set_profile_var ani=0000000000", "set_profile_var network_addr=", "unset origination_caller_id_number", "set socket_resume=true"] {
            let at = try #require(actions.firstIndex(of: needed), "\(needed) is missing")
            #expect(at < socket, "\(needed) must come before the socket")
        }
        for action in actions where action.hasPrefix("socket ") { #expect(action.hasSuffix(" async full"), "\(action)") }
        #expect(actions[socket + 1] == "execute_extension hotline-after-controller XML hotline-internal")
        // The trunk's context holds the inbound extension alone: the steps after it cannot be
        // dialed directly, around the anonymity steps.
        let contexts = elements.indices.filter { elements[$0].name == "context" }
        let inbound = try #require(contexts.first { elements[$0].attributes["name"] == "hotline" })
        let end = contexts.first { $0 > inbound } ?? elements.count
        #expect(elements[inbound..<end].filter { $0.name == "extension" }.compactMap { $0.attributes["name"] } == ["hotline-inbound"])
        #expect(actions.contains("set hangup_after_bridge=true") && actions.contains { $0.hasPrefix("set transfer_ringback=") }, "the fallback rings audibly and ends after a conversation")
        // The fallback never leaves the caller in silence: it answers and plays before it rings.
        let fallback = Array(actions.drop { !$0.hasPrefix("answer") })
        #expect(fallback.first == "answer " && fallback.dropFirst().first?.hasPrefix("playback ") == true, "\(fallback)")
        #expect(fallback.contains("set continue_on_fail=true"))
    }

    @Test func everyDestinationOfThePlanAndTheRosterHasItsFreeSWITCHCounterpart() throws {
        let plan = try #require(Dialplan.compile(try String(contentsOf: ProcessRun.root.appendingPathComponent("Dialplans/hotline.yaml"), encoding: .utf8),
                                                 file: "hotline.yaml", prompts: nil).plan)
        let roster = try String(contentsOf: ProcessRun.root.appendingPathComponent("Dialplans/roster.yaml"), encoding: .utf8)
        var destinations = plan.states.compactMap { if case .transfer(let t) = $0.action { t.destination.value } else { nil } }
        destinations += roster.split(separator: "\n").compactMap { line in
            line.range(of: "endpoint: ").map { String(line[$0.upperBound...].prefix { $0 != "," && $0 != "}" }) }
        }
        #expect(destinations.count >= 6, "\(destinations)")
        let gateways = Set(try Self.elements("sip_profiles/referrals.xml").filter { $0.name == "gateway" }.compactMap { $0.attributes["name"] })
        let dialplan = try String(contentsOf: Self.folder.appendingPathComponent("dialplan/hotline.xml"), encoding: .utf8)
        for destination in destinations {
            let translated = try ESLDialString.translate(destination)
            if translated.hasPrefix("sofia/gateway/") {
                let gateway = translated.split(separator: "/")[2]
                #expect(gateways.contains(String(gateway)), "\(destination) → \(translated): no gateway '\(gateway)' in sip_profiles/referrals.xml")
            } else {
                #expect(translated.hasPrefix("user/advocate-desk-"), "\(destination) → \(translated)")
                // The backup group the fallback rings is the roster's desks.
                #expect(dialplan.contains(translated), "\(translated) is not in the fallback's hotline_backup")
            }
        }
        let user = try Self.elements("directory/advocate-desk-1.xml").first { $0.name == "user" }
        #expect(user?.attributes["id"] == "advocate-desk-1")
    }
}
