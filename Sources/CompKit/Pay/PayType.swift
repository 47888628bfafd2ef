/// The kinds of pay in payroll.csv, in the order the file lists them (§5).
public enum PayType: Int, Sendable, CaseIterable, Comparable {
    case base, commission, holdback, holdbackRelease, bonus, spiff, draw, drawRecovery

    public var label: String {
        switch self {
        case .base: return "BASE"
        case .commission: return "COMMISSION"
        case .holdback: return "HOLDBACK"
        case .holdbackRelease: return "HOLDBACK_RELEASE"
        case .bonus: return "BONUS"
        case .spiff: return "SPIFF"
        case .draw: return "DRAW"
        case .drawRecovery: return "DRAW_RECOVERY"
        }
    }

    public static func < (lhs: PayType, rhs: PayType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The pay type spelled as in payroll.csv, e.g. `DRAW_RECOVERY`.
    public init?(label: String) {
        guard let type = PayType.allCases.first(where: { $0.label == label }) else { return nil }
        self = type
    }
}
