import CallEngine

/// Where the staff line's questions go, whichever PBX carries it: who owns a staff number and
/// PIN, and changing that advocate's shift. The console's accounts answer it (`StaffConsole`);
/// without accounts there is no desk and the staff line says it is not set up.
public protocol StaffLineDesk: Sendable {
    func answer(_ request: StaffLineDeskRequest) async -> StaffLineDeskAnswer
}
