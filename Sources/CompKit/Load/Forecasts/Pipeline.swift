/// Open opportunities as a CRM exported them, snapshot by snapshot (pipeline.csv, §2.3):
/// the source of the weighted forecast, the stage calibration and the slipped commits.
public struct Pipeline: Sendable {
    public struct Opportunity: Sendable, Hashable {
        public var id: String
        public var repID: String
        public var snapshotDate: CalendarDate
        public var stage: String
        /// In [0, 1].
        public var probability: ExactDecimal
        public var amount: ExactDecimal
        public var currency: Currency
        public var expectedClose: CalendarDate
        /// Where the row was read, for diagnostics (a missing fx rate).
        public var source: SourceLocation

        public init(id: String, repID: String, snapshotDate: CalendarDate, stage: String, probability: ExactDecimal,
                    amount: ExactDecimal, currency: Currency, expectedClose: CalendarDate,
                    source: SourceLocation = SourceLocation.wholeFile("")) {
            self.id = id
            self.repID = repID
            self.snapshotDate = snapshotDate
            self.stage = stage
            self.probability = probability
            self.amount = amount
            self.currency = currency
            self.expectedClose = expectedClose
            self.source = source
        }

        /// `amount × probability`, in the opportunity's currency, exact.
        public var weightedAmount: ExactDecimal { amount * probability }
    }

    public private(set) var opportunities: [Opportunity]

    public init(_ opportunities: [Opportunity] = []) {
        self.opportunities = opportunities
    }

    /// The snapshot a month's forecast is read from (§4): the latest `snapshot_date` on or
    /// before the month's first day, one date for all reps; nil when every snapshot is later.
    public func snapshot(for month: YearMonth) -> CalendarDate? {
        let first = month.firstDay
        return opportunities.lazy.map(\.snapshotDate).filter { $0 <= first }.max()
    }

    /// The rows of the month's snapshot whose `expected_close` falls in the month, in file order.
    public func expected(in month: YearMonth) -> [Opportunity] {
        guard let snapshot = snapshot(for: month) else { return [] }
        return opportunities.filter { $0.snapshotDate == snapshot && $0.expectedClose.yearMonth == month }
    }

    static let requiredColumns = ["opp_id", "rep_id", "snapshot_date", "stage", "probability", "amount", "currency", "expected_close"]

    /// Reads pipeline.csv; logs every problem, including an opportunity listed twice for one rep in
    /// one snapshot. An opportunity split between reps comes once per rep, as CRMs export splits.
    static func read(path: String, participantIDs: Set<String>?, log: DiagnosticLog) throws -> (pipeline: Pipeline, rows: Int) {
        var result = Pipeline()
        guard let csv = CSVTable(path: path, required: requiredColumns, log: log) else { return (result, 0) }
        let rules = ForecastRowRules(table: csv, log: log, participantIDs: participantIDs)
        let columns = requiredColumns.map { csv.column($0)! }
        var firstLine: [RowKey: Int] = [:]
        try csv.forEachRow(log: log) {
            let id = rules.text(columns[0], name: "opp_id")
            let rep = rules.repID(columns[1])
            let snapshot = rules.date(columns[2], name: "snapshot_date")
            let stage = rules.text(columns[3], name: "stage", spaces: true)
            let probability = rules.probability(columns[4])
            let amount = rules.amount(columns[5], name: "amount")
            let currency = rules.currency(columns[6])
            let expectedClose = rules.date(columns[7], name: "expected_close")
            guard let id, let rep, let snapshot, let stage, let probability, let amount, let currency, let expectedClose else { return }
            let key = RowKey(snapshot: snapshot, opportunity: id, rep: rep)
            if let first = firstLine[key] {
                log.error(.wholeLine(path, csv.line),
                          "opportunity \(id) is listed twice for \(rep) in the snapshot of \(snapshot) (first on line \(first))")
                return
            }
            firstLine[key] = csv.line
            result.opportunities.append(Opportunity(
                id: id, repID: rep, snapshotDate: snapshot, stage: stage, probability: probability, amount: amount,
                currency: currency, expectedClose: expectedClose, source: SourceLocation.wholeLine(path, csv.line)))
        }
        return (result, csv.rowCount)
    }

    /// What makes a pipeline row unique: an opportunity appears once per rep in each snapshot.
    private struct RowKey: Hashable {
        var snapshot: CalendarDate
        var opportunity: String
        var rep: String
    }
}
