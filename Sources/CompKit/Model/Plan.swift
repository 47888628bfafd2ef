/// One plan file: pay rules and the participants paid under them (§2.1).
public struct Plan: Sendable {
    public enum QuotaPeriodKind: String, Sendable {
        case month, quarter, year

        /// How many quota periods a fiscal year holds.
        public var periodsPerYear: Int {
            switch self {
            case .month: return 12
            case .quarter: return 4
            case .year: return 1
            }
        }

        /// How many fiscal months one quota period spans.
        public var monthsPerPeriod: Int { 12 / periodsPerYear }
    }

    public var id: String
    public var name: String
    public var currency: Currency
    /// First day of the fiscal year.
    public var yearStart: CalendarDate
    public var quotaPeriod: QuotaPeriodKind
    public var components: [Component]
    public var spiffs: [Spiff]
    public var draw: Draw?
    public var clawback: Clawback?
    public var participants: [ParticipantEntry]
    /// The file the plan came from, for diagnostics and the manifest.
    public var sourcePath: String

    public init(
        id: String, name: String, currency: Currency, yearStart: CalendarDate, quotaPeriod: QuotaPeriodKind,
        components: [Component], spiffs: [Spiff] = [], draw: Draw? = nil, clawback: Clawback? = nil,
        participants: [ParticipantEntry], sourcePath: String = ""
    ) {
        self.id = id
        self.name = name
        self.currency = currency
        self.yearStart = yearStart
        self.quotaPeriod = quotaPeriod
        self.components = components
        self.spiffs = spiffs
        self.draw = draw
        self.clawback = clawback
        self.participants = participants
        self.sourcePath = sourcePath
    }

    /// The fiscal year: the 12 calendar months from `yearStart`.
    public var fiscalYear: FiscalYear { FiscalYear(start: yearStart.yearMonth, quotaPeriod: quotaPeriod) }
}
