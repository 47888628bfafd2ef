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

/// Token filters on a deal's `type` and `product` (`nil` matches anything).
public struct DealFilter: Sendable, Hashable {
    public var types: Set<String>?
    public var products: Set<String>?

    public init(types: Set<String>? = nil, products: Set<String>? = nil) {
        self.types = types
        self.products = products
    }

    public static let any = DealFilter()

    public func matches(type: String, product: String) -> Bool {
        if let types, !types.contains(type) { return false }
        if let products, !products.contains(product) { return false }
        return true
    }
}

/// A measured, separately paid part of a plan.
public struct Component: Sendable {
    public enum CreditSource: String, Sendable {
        /// Deals credited to the participant.
        case own
        /// Copies of the credits of everyone whose manager chain reaches the participant.
        case team
    }

    /// When a deal is credited (§3.1, §3.1b).
    public enum CreditEvent: String, Sendable {
        /// From the deal itself, on its close date (and charged back when cancelled).
        case close
        /// From payments.csv, as the customer pays.
        case payment
    }

    public var id: String
    public var filter: DealFilter
    public var creditFrom: CreditSource
    public var creditOn: CreditEvent
    public var rateTable: RateTable
    /// The most the component can earn in one quota period (commission only).
    public var cap: ExactDecimal?
    public var bonuses: [Bonus]
    public var holdback: Holdback?

    public init(
        id: String, filter: DealFilter = .any, creditFrom: CreditSource = .own, creditOn: CreditEvent = .close,
        rateTable: RateTable, cap: ExactDecimal? = nil, bonuses: [Bonus] = [], holdback: Holdback? = nil
    ) {
        self.id = id
        self.filter = filter
        self.creditFrom = creditFrom
        self.creditOn = creditOn
        self.rateTable = rateTable
        self.cap = cap
        self.bonuses = bonuses
        self.holdback = holdback
    }
}

/// Part of a component's commission kept back and paid at the end of the quota period or the
/// fiscal year, forfeited by a person who has left by then (§3.11).
public struct Holdback: Sendable {
    public enum Release: String, Sendable {
        /// In the last month of each quota period.
        case period
        /// In the last month of the fiscal year.
        case year
    }

    /// The share of each month's commission held, in percent: (0, 100].
    public var percent: ExactDecimal
    public var release: Release

    public init(percent: ExactDecimal, release: Release) {
        self.percent = percent
        self.release = release
    }
}

/// A rate table: ascending tiers, each paying its rate from its lower bound to the next tier's.
public struct RateTable: Sendable {
    public enum Method: String, Sendable {
        /// Each tier's rate pays only the credit inside the tier.
        case graduated
        /// The rate of the highest tier reached pays all credit.
        case retroactive
    }

    public enum Basis: String, Sendable {
        /// Tier bounds are fractions of quota.
        case attainment
        /// Tier bounds are credited amounts in plan currency.
        case amount
    }

    public struct Tier: Sendable {
        public var from: ExactDecimal
        public var rate: ExactDecimal

        public init(from: ExactDecimal, rate: ExactDecimal) {
            self.from = from
            self.rate = rate
        }
    }

    public var method: Method
    public var basis: Basis
    public var tiers: [Tier]

    public init(method: Method, basis: Basis, tiers: [Tier]) {
        self.method = method
        self.basis = basis
        self.tiers = tiers
    }
}

/// A fixed amount earned in a quota period once attainment reaches `atLeast`.
public struct Bonus: Sendable {
    public var id: String
    public var atLeast: ExactDecimal
    public var amount: ExactDecimal

    public init(id: String, atLeast: ExactDecimal, amount: ExactDecimal) {
        self.id = id
        self.atLeast = atLeast
        self.amount = amount
    }
}

/// A per-credit incentive on matching deals.
public struct Spiff: Sendable {
    public enum Payout: Sendable {
        /// A fixed amount per deal, times the split share.
        case perDeal(ExactDecimal)
        /// A rate times the credit.
        case rate(ExactDecimal)
    }

    public var id: String
    public var filter: DealFilter
    public var payout: Payout

    public init(id: String, filter: DealFilter = .any, payout: Payout) {
        self.id = id
        self.filter = filter
        self.payout = payout
    }
}

/// A guaranteed minimum commission for the first months (§3.9).
public struct Draw: Sendable {
    public enum Kind: String, Sendable { case recoverable, nonrecoverable }

    public var kind: Kind
    public var monthly: ExactDecimal
    public var months: Int

    public init(kind: Kind, monthly: ExactDecimal, months: Int) {
        self.kind = kind
        self.monthly = monthly
        self.months = months
    }
}

/// How long after closing a cancelled deal is charged back.
public struct Clawback: Sendable {
    public var windowDays: Int

    public init(windowDays: Int) { self.windowDays = windowDays }
}
