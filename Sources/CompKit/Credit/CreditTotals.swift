/// What the credit stage hands to the next stages: per participant entry, each component's credit
/// and each SPIFF's amount summed by fiscal month (memory grows with entries × months, not with
/// deals), plus the run month's credit rows for credits.csv and the exceptions.
public struct CreditTotals: @unchecked Sendable {
    /// One line of credits.csv.
    public struct CreditRow: Sendable {
        public enum Kind: Int, Sendable, Comparable {
            case credit, chargeback, rollup

            public var label: String {
                switch self {
                case .credit: return "credit"
                case .chargeback: return "chargeback"
                case .rollup: return "rollup"
                }
            }

            public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
        }

        public var repID: String
        public var planID: String
        public var component: String
        public var dealID: String
        public var creditDate: CalendarDate
        public var kind: Kind
        public var dealAmount: ExactDecimal
        public var dealCurrency: Currency
        public var fxRate: ExactDecimal
        public var percent: ExactDecimal
        public var credit: ExactDecimal
        public var planCurrency: Currency
    }

    /// One line of exceptions.csv.
    public struct ExceptionRow: Sendable, Hashable {
        public var source: String
        public var line: Int
        public var id: String
        public var reason: String
    }

    /// Index of an entry in the arrays below: `entryOffsets[plan] + entry`.
    private let entryOffsets: [Int]
    /// `[slot][component][fiscal month 1…12]` credit sums (index 0 unused).
    public private(set) var componentCredits: [[[ExactDecimal]]]
    /// `[slot][spiff][fiscal month 1…12]` SPIFF sums (index 0 unused).
    public private(set) var spiffAmounts: [[[ExactDecimal]]]
    /// The run month's rows from the simple pass, or from the parallel pass in compact form.
    var simpleRunMonthRows: [CreditRow] = []
    var compactRunMonthRows: (credits: CompactCredits, index: CreditIndex)?

    /// The run month's rows of credits.csv, kept compact at scale.
    public var runMonthCreditRows: RunMonthCredits {
        RunMonthCredits(storage: compactRunMonthRows.map { .compact($0.credits, $0.index) } ?? .rows(simpleRunMonthRows))
    }

    /// The run month's rows of credits.csv as values with their strings.
    public var runMonthCredits: [CreditRow] { runMonthCreditRows.rows }
    /// Rows of every date up to the end of the run month, for the participants a run captures
    /// (statements); empty unless asked for.
    public internal(set) var capturedCredits: [CreditRow] = []
    public internal(set) var exceptions: [ExceptionRow] = []

    public init(book: PlanBook) {
        var offsets: [Int] = []
        var credits: [[[ExactDecimal]]] = []
        var spiffs: [[[ExactDecimal]]] = []
        for plan in book.plans {
            offsets.append(credits.count)
            for _ in plan.participants {
                credits.append(Array(repeating: Array(repeating: .zero, count: 13), count: plan.components.count))
                spiffs.append(Array(repeating: Array(repeating: .zero, count: 13), count: plan.spiffs.count))
            }
        }
        entryOffsets = offsets
        componentCredits = credits
        spiffAmounts = spiffs
    }

    func slot(_ ref: PlanBook.EntryRef) -> Int { entryOffsets[ref.plan] + ref.entry }

    mutating func addCredit(_ amount: ExactDecimal, entry: PlanBook.EntryRef, component: Int, fiscalMonth: Int) {
        componentCredits[slot(entry)][component][fiscalMonth] += amount
    }

    mutating func addSpiff(_ amount: ExactDecimal, entry: PlanBook.EntryRef, spiff: Int, fiscalMonth: Int) {
        spiffAmounts[slot(entry)][spiff][fiscalMonth] += amount
    }

    /// Credit of one component summed over an inclusive range of fiscal months.
    public func credited(entry: PlanBook.EntryRef, component: Int, months: ClosedRange<Int>) -> ExactDecimal {
        let monthly = componentCredits[slot(entry)][component]
        return months.reduce(ExactDecimal.zero) { $0 + monthly[$1] }
    }

    /// A SPIFF's amount in one fiscal month.
    public func spiff(entry: PlanBook.EntryRef, spiff: Int, fiscalMonth: Int) -> ExactDecimal {
        spiffAmounts[slot(entry)][spiff][fiscalMonth]
    }
}
