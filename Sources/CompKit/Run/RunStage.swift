/// The stages of a run as a person waiting on a terminal sees them (`TerminalProgress`).
public enum RunStage: Int, CaseIterable, Sendable {
    case plans, deals, pay, reports, files

    /// What the run is doing, in a few words.
    public var label: String {
        switch self {
        case .plans: return "reading plans"
        case .deals: return "crediting deals"
        case .pay: return "measuring and paying"
        case .reports: return "attainment, payroll and finance reports"
        case .files: return "writing files and statements"
        }
    }
}
