/// Salesforce's OpportunitySplit export (§8.1): who shares each opportunity, and how much. Only
/// one split type is used: the one named with `--split-type`, or the only one in the file.
struct OpportunitySplits {
    /// One owner's share of an opportunity.
    struct Share {
        var owner: String
        /// Percent, at most 2 decimals.
        var percent: ExactDecimal
        var line: Int
    }

    /// Each opportunity's shares, in file order.
    private(set) var shares: [String: [Share]] = [:]
    let path: String

    static let opportunityID = CRMSystem.Field(names: ["OpportunityId"])
    static let owner = CRMSystem.Field(names: ["SplitOwnerId"])
    static let percentage = CRMSystem.Field(names: ["SplitPercentage"])
    static let splitType = CRMSystem.Field(names: ["SplitTypeId"])

    /// Reads the export, logging every problem; a file holding several split types needs `splitType`.
    init(path: String, splitType wanted: String?, log: DiagnosticLog) throws {
        self.path = path
        guard let csv = CSVTable(path: path, required: [], headerNames: .anyCase, log: log) else { return }
        let fields = [Self.opportunityID, Self.owner, Self.percentage]
        let columns = fields.map { csv.column(anyOf: $0.names) }
        let typeColumn = csv.column(anyOf: Self.splitType.names)
        let missing = zip(fields, columns).filter { $0.1 == nil }.map(\.0.title)
        guard missing.isEmpty else {
            log.error(.wholeLine(path, 1), "missing column\(missing.count > 1 ? "s" : ""): \(missing.joined(separator: ", "))")
            return
        }
        let (opportunityColumn, ownerColumn, percentColumn) = (columns[0]!, columns[1]!, columns[2]!)
        var types: [String: Int] = [:]  // split type → first line
        var shares: [String: [Share]] = [:]
        defer { self.shares = shares }
        try csv.forEachRow(log: log) {
            let type = typeColumn.map { csv.field($0).string } ?? ""
            if types[type] == nil { types[type] = csv.line }
            if let wanted, type != wanted { return }
            let opportunity = csv.field(opportunityColumn).string
            let owner = csv.field(ownerColumn).string
            if opportunity.isEmpty { log.error(file: path, line: csv.line, column: opportunityColumn + 1, "OpportunityId is required") }
            if owner.isEmpty { log.error(file: path, line: csv.line, column: ownerColumn + 1, "SplitOwnerId is required") }
            let text = csv.field(percentColumn)
            var percent: ExactDecimal?
            switch ExactDecimal.parse(text, maxDecimals: 2, maxIntegerDigits: 3) {
            case .success(let value) where value <= ExactDecimal(100):
                percent = value
            case .success(let value):
                log.error(file: path, line: csv.line, column: percentColumn + 1, "SplitPercentage \(value) is more than 100")
            case .failure(let failure):
                log.error(file: path, line: csv.line, column: percentColumn + 1,
                          text.isEmpty ? "SplitPercentage is required" : "SplitPercentage '\(text.string)' \(failure.explanation)")
            }
            // A share of 0 % credits nobody: it is not carried into deals.csv.
            guard !opportunity.isEmpty, !owner.isEmpty, let percent, !percent.isZero else { return }
            shares[opportunity, default: []].append(Share(owner: owner, percent: percent, line: csv.line))
        }
        if wanted == nil && types.count > 1 {
            let listed = types.sorted { $0.value < $1.value }.map { $0.key.isEmpty ? "(empty)" : $0.key }
            log.error(file: path, line: types.values.sorted()[1], column: typeColumn.map { $0 + 1 } ?? 0,
                      "the file holds several split types (\(listed.joined(separator: ", "))); choose one with --split-type")
        }
    }
}
