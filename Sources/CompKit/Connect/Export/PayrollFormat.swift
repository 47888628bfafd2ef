/// The payroll systems `comp export` writes for (§8.2), each in the layout of its vendor's
/// published import: docs/CONNECTORS.md names the page each follows and every column.
public enum PayrollFormat: String, Sendable, CaseIterable {
    case adp, paychex, workday, gusto

    /// The `system` of people.csv and earning-codes.csv rows for this payroll system.
    public var system: String { rawValue }

    /// A value the format needs that comp does not know, given on the command line.
    public enum Setting: String, Sendable {
        case companyCode = "--company-code"
        case batchID = "--batch-id"
        case payDate = "--pay-date"
    }

    /// The settings without which the format's file would not import.
    public var requiredSettings: [Setting] {
        switch self {
        case .adp: return [.companyCode, .batchID]
        case .paychex: return [.companyCode]
        case .workday: return [.payDate]
        case .gusto: return []
        }
    }
}
