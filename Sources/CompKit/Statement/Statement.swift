/// One participant's pay for one month, with everything needed to check it by hand: each
/// component's tier math and the month's credits attributed deal by deal, bonuses, SPIFFs, draw and base,
/// and the pay lines, which add up to that person's payroll.csv rows.
///
/// A statement holds only its participant's data: their own credit rows, the roll-up copies they
/// receive summed per team member, and their own pay. `StatementBuilder` makes them; `StatementLayout` words them.
public struct Statement: Sendable {
    public var participantID: String
    public var name: String
    public var period: YearMonth
    /// One part per plan entry of the participant that is active in the month or paid in it
    /// (two after a mid-month plan change), in start order.
    public var entries: [EntryPart]
    /// The month's pay, as payroll.csv keys it, with prior-period adjustments when a ledger is used.
    public var pay: [PayItem]
    /// Whether a ledger was used (the statement then shows prior adjustments and payable amounts).
    public var usesLedger: Bool

    /// What is paid this month per currency: Σ amount (prior adjustments included), in currency order.
    public var totals: [(currency: Currency, amount: ExactDecimal)] {
        // A person is paid in one currency or two: a short list searched beats a dictionary.
        var sums: [(currency: Currency, amount: ExactDecimal)] = []
        for item in pay.indices {
            let currency = pay[item].key.currency
            if let slot = sums.firstIndex(where: { $0.currency == currency }) {
                sums[slot].amount += pay[item].amount
            } else {
                sums.append((currency, pay[item].amount))
            }
        }
        return sums.sorted { $0.currency < $1.currency }
    }

    /// One participant entry: a plan the person is paid under for a date range.
    public struct EntryPart: Sendable {
        public var entry: PlanBook.EntryRef
        public var planID: String
        public var planName: String
        public var currency: Currency
        public var start: CalendarDate
        public var end: CalendarDate?
        public var fiscalMonth: Int
        /// The month's own credit rows of this entry (credits, chargebacks, payments), by credit
        /// date, deal id, kind, component. Each component's attribution lists its own rows and the
        /// roll-up copies it receives.
        public var credits: [CreditTotals.CreditRow]
        public var components: [ComponentPart]
        public var spiffs: [SpiffPart]
        public var draw: DrawPart?
        public var base: BasePart?
    }

    /// One component's standing and pay in the month.
    public struct ComponentPart: Sendable {
        public var component: Component
        public var measure: ComponentMeasure
        /// The quota period's first and last day.
        public var quotaPeriodDates: DateRange
        /// The tier math of `earned(q, m)`.
        public var breakdown: TierBreakdown
        /// The month before, inside the same quota period (nil in its first month, where nothing was earned before).
        public var monthBefore: YearMonth?
        /// Deal by deal, what the month's credits added.
        public var attribution: DealAttribution
        public var bonuses: [BonusPart]
        /// What the component's holdback keeps back and releases (§3.11), nil without one.
        public var holdback: HoldbackPart?
    }

    /// A component's holdback: each month's held amount since the last release, this month last,
    /// and the release this window leads to.
    public struct HoldbackPart: Sendable {
        public var holdback: Holdback
        /// The months since the last release with what each held (the month's commission × percent, rounded).
        public var months: [(month: YearMonth, commission: ExactDecimal, held: ExactDecimal)]
        /// The day the window is released on: the last day of its release month.
        public var releaseDay: CalendarDate
        /// In the release month: whether the person has an entry active on the release day (the
        /// held amounts are paid) or not (forfeited); nil before the release month.
        public var isReleased: Bool?

        /// Held this month: paid as a HOLDBACK line of −held.
        public var held: ExactDecimal { months.last?.held ?? .zero }
        /// Σ held over the window: what the release pays (or what is forfeited).
        public var heldInWindow: ExactDecimal { months.reduce(ExactDecimal.zero) { $0 + $1.held } }
        /// What the HOLDBACK_RELEASE line pays this month.
        public var released: ExactDecimal { isReleased == true ? heldInWindow : .zero }
    }

    /// One bonus of a component: reached or not at the end of the month and of the month before.
    public struct BonusPart: Sendable {
        public var bonus: Bonus
        /// `atLeast × Q`: the credit that reaches it.
        public var threshold: ExactDecimal
        public var reached: Bool
        public var reachedBefore: Bool
        /// Paid this month: the difference of what is earned to date and before.
        public var paid: ExactDecimal
    }

    /// One SPIFF of the plan and the month's credits that earned (or reversed) it.
    public struct SpiffPart: Sendable {
        public var spiff: Spiff
        public var lines: [(row: CreditTotals.CreditRow, amount: ExactDecimal)]
        /// What the run pays for the SPIFF this month.
        public var total: ExactDecimal
        /// `total − Σ lines`: 0 unless a deal's type or product was not at hand.
        public var unitemised: ExactDecimal
    }

    /// The draw's month (§3.9).
    public struct DrawPart: Sendable {
        public var draw: Draw
        /// Which active month of the fiscal year this is (the guarantee holds for the first `draw.months`).
        public var activeMonth: Int
        public var balanceBefore: ExactDecimal
        public var month: DrawMonth
    }

    /// Base salary for the month (§3.8).
    public struct BasePart: Sendable {
        public var annual: ExactDecimal
        public var activeDays: Int
        public var daysInMonth: Int
        public var amount: ExactDecimal
    }

    /// One payroll.csv row of the participant.
    public struct PayItem: Sendable {
        public var key: PayKey
        /// computed(m): what the month earns, as explained above.
        public var computed: ExactDecimal
        /// With a ledger: the part of `amount` that corrects closed periods (§3.10).
        public var priorAdjustment: ExactDecimal
        /// With a ledger (0 without): the earlier months of the fiscal year as computed now, and as
        /// paid in closed periods (`adjustment = computedBefore − paidBefore`).
        public var computedBefore: ExactDecimal
        public var paidBefore: ExactDecimal

        /// What payroll pays: payroll.csv's `amount`.
        public var amount: ExactDecimal { computed + priorAdjustment }
    }
}
