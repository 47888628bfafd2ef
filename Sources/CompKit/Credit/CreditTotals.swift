/// What the credit stage hands to the next stages: per participant entry, each component's credit
/// and each SPIFF's amount summed by fiscal month (memory grows with entries × months, not with
/// deals), plus the run month's credit rows for credits.csv and the exceptions.
public struct CreditTotals: Sendable {
    /// One line of credits.csv.
    public struct CreditRow: Sendable {
        public enum Kind: Int, Sendable, Comparable, CaseIterable {
            case credit, chargeback, payment, rollup

            public var label: String {
                switch self {
                case .credit: return "credit"
                case .chargeback: return "chargeback"
                case .payment: return "payment"
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
        /// The deal's type and product as the credit pass numbers them (which SPIFFs it matches).
        var tokenPair: Int32 = -1
    }

    /// The roll-up copies one manager received in the month from one team member (a direct
    /// report, for everything credited below them) into one component, added up.
    public struct RollUpSum: Sendable, Hashable {
        /// The manager's entry the copies were credited to.
        public var entry: PlanBook.EntryRef
        public var planID: String
        public var component: String
        public var memberID: String
        /// How many copies (credit and chargeback rows of credits.csv) were added.
        public var copies: Int
        public var credit: ExactDecimal
    }

    /// One line of exceptions.csv.
    public struct ExceptionRow: Sendable, Hashable {
        public var source: String
        public var line: Int
        public var id: String
        public var reason: String
    }

    /// Per plan: where its first entry's sums start in the arrays below, and how many components
    /// and SPIFFs each of its entries has.
    private let planLayouts: [(firstCredit: Int, firstSpiff: Int, components: Int, spiffs: Int)]
    /// Credit sums by entry, component and fiscal month 1…12 (13 cells a component, cell 0 unused),
    /// in plan order (`creditCell`).
    public private(set) var componentCredits: [ExactDecimal]
    /// SPIFF sums laid out the same way (`spiffCell`).
    public private(set) var spiffAmounts: [ExactDecimal]
    /// The run month's rows as the credit pass keeps them, in temporary files.
    var runMonthRows: (credits: CompactCredits, index: CreditIndex)?

    /// The run month's rows of credits.csv, kept compact at scale.
    public var runMonthCreditRows: RunMonthCredits {
        RunMonthCredits(credits: runMonthRows?.credits ?? CompactCredits(), index: runMonthRows?.index)
    }

    /// The run month's rows of credits.csv as values with their strings; throws `CompError.io`
    /// when the rows cannot be read back from their temporary files.
    public func runMonthCredits() throws -> [CreditRow] { try runMonthCreditRows.rows() }
    public internal(set) var exceptions: [ExceptionRow] = []

    public init(book: PlanBook) {
        var layouts: [(firstCredit: Int, firstSpiff: Int, components: Int, spiffs: Int)] = []
        var credits = 0, spiffs = 0
        for plan in book.plans {
            layouts.append((credits, spiffs, plan.components.count, plan.spiffs.count))
            credits += plan.participants.count * plan.components.count * 13
            spiffs += plan.participants.count * plan.spiffs.count * 13
        }
        planLayouts = layouts
        componentCredits = Array(repeating: .zero, count: credits)
        spiffAmounts = Array(repeating: .zero, count: spiffs)
    }

    /// Where a component's credit of a fiscal month is in `componentCredits`.
    func creditCell(_ ref: PlanBook.EntryRef, component: Int, fiscalMonth: Int) -> Int {
        let layout = planLayouts[ref.plan]
        return layout.firstCredit + (ref.entry * layout.components + component) * 13 + fiscalMonth
    }

    /// Where a SPIFF's amount of a fiscal month is in `spiffAmounts`.
    func spiffCell(_ ref: PlanBook.EntryRef, spiff: Int, fiscalMonth: Int) -> Int {
        let layout = planLayouts[ref.plan]
        return layout.firstSpiff + (ref.entry * layout.spiffs + spiff) * 13 + fiscalMonth
    }

    /// Adds an entry's sums of every month at once, given in minor units (`scale` decimals):
    /// `credit(component, month)` and `spiff(spiff, month)`, 0 for none (the credit pass).
    mutating func addMinorUnits(entry ref: PlanBook.EntryRef, scale: Int,
                                credit: (Int, Int) -> Int64, spiff: (Int, Int) -> Int64) {
        let entryCredits = creditCell(ref, component: 0, fiscalMonth: 0)
        let entrySpiffs = spiffCell(ref, spiff: 0, fiscalMonth: 0)
        let layout = planLayouts[ref.plan]
        componentCredits.withUnsafeMutableBufferPointer { credits in
            for component in 0..<layout.components {
                for month in 1...12 {
                    let value = credit(component, month)
                    if value != 0 { credits[entryCredits + component * 13 + month] += ExactDecimal(mantissa: Int128(value), scale: scale) }
                }
            }
        }
        spiffAmounts.withUnsafeMutableBufferPointer { spiffs in
            for index in 0..<layout.spiffs {
                for month in 1...12 {
                    let value = spiff(index, month)
                    if value != 0 { spiffs[entrySpiffs + index * 13 + month] += ExactDecimal(mantissa: Int128(value), scale: scale) }
                }
            }
        }
    }

    /// A component's credit in one fiscal month.
    public func credit(entry: PlanBook.EntryRef, component: Int, fiscalMonth: Int) -> ExactDecimal {
        componentCredits[creditCell(entry, component: component, fiscalMonth: fiscalMonth)]
    }

    /// Credit of one component summed over an inclusive range of fiscal months.
    public func credited(entry: PlanBook.EntryRef, component: Int, months: ClosedRange<Int>) -> ExactDecimal {
        let first = creditCell(entry, component: component, fiscalMonth: 0)
        return months.reduce(ExactDecimal.zero) { $0 + componentCredits[first + $1] }
    }

    /// A SPIFF's amount in one fiscal month.
    public func spiff(entry: PlanBook.EntryRef, spiff: Int, fiscalMonth: Int) -> ExactDecimal {
        spiffAmounts[spiffCell(entry, spiff: spiff, fiscalMonth: fiscalMonth)]
    }
}
