/// What a member of staff may do in the console. Each role can do what the one before it can:
/// an advocate works their own shift, a supervisor watches the queue and can pause or log out
/// any advocate, an administrator can also reload the plan.
public enum StaffRole: String, Sendable, Codable, CaseIterable, Comparable {
    case advocate, supervisor, administrator

    public static func < (a: StaffRole, b: StaffRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
