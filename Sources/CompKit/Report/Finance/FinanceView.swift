/// Finance's view of a run month: forecast accuracy, variance, sales metrics and control totals,
/// the content of forecast_accuracy.csv, variance.csv, summary.md and summary.html.
public struct FinanceView: Sendable {
    public var forecast: ForecastAccuracy
    public var variance: VarianceReport
    public var metrics: SalesMetrics
    public var controls: ControlTotals
    /// fx rates only these reports needed and fx.csv lacks; the cells they would fill are blank.
    public var missingRates: [MissingRate]

    /// A rate the finance reports needed and did not have, with what first needed it.
    public struct MissingRate: Sendable, Hashable {
        public var rate: CompKit.MissingRate
        /// What it was needed for and what is left blank, e.g. `to add R3's forecasts into the TEAM rows …`.
        public var purpose: String

        /// `2026-02 USD→EUR`.
        public var label: String { "\(rate.month) \(rate.from)→\(rate.to)" }
    }

    /// exceptions.csv's rows for the missing rates: source `fx.csv`, line 0, id the month and pair.
    public var exceptions: [CreditTotals.ExceptionRow] {
        missingRates.map { missing in
            CreditTotals.ExceptionRow(source: "fx.csv", line: 0, id: missing.label,
                                      reason: "no fx rate for \(missing.label); needed \(missing.purpose)")
        }
    }

    /// The fiscal year whose quarter and year to date the summary reports: the earliest-starting
    /// one among the plans taking part in the run; nil when none does.
    public static func fiscalYear(of book: PlanBook) -> FiscalYear? {
        book.plans.indices.filter { book.participates[$0] }.map { book.plans[$0].fiscalYear }.min { $0.start < $1.start }
    }

    /// The months whose actuals the credit pass keeps: the fiscal year through the run month.
    static func months(of book: PlanBook) -> ClosedRange<YearMonth>? {
        fiscalYear(of: book).map { $0.start...book.runMonth }
    }

    /// What a run hands to the finance reports besides the forecasts.
    struct Sources {
        var book: PlanBook
        var fx: FXTable
        var schedule: PaySchedule
        var payroll: Payroll
        var measures: [ComponentMeasure]
        var runMonthCredits: RunMonthCredits
        var dealCounts: DealCounts
        var inputs: ForecastInputs
        var activity: DealActivity
        var hasLedger: Bool
        var thresholds: VarianceReport.Thresholds
    }

    /// Forecast accuracy with the checks it made. It needs nothing of the pay, so a run works it
    /// out on one core while the other makes the pay reports and `PayParts`.
    struct Forecasts: Sendable {
        var accuracy: ForecastAccuracy
        var checks: FinanceChecks
    }

    static func forecasts(book: PlanBook, fx: FXTable, inputs: ForecastInputs, activity: DealActivity) -> Forecasts {
        let checks = FinanceChecks(fx: fx)
        if let deal = activity.tooLarge {
            _ = checks.bounded(nil, at: deal, what: "the month's credits added up for the control totals")
        }
        let accuracy = ForecastAccuracy.build(book: book, inputs: inputs, activity: activity, directory: RepDirectory(book: book),
                                              checks: checks, year: FinanceView.fiscalYear(of: book))
        return Forecasts(accuracy: accuracy, checks: checks)
    }

    /// Variance, sales metrics and control totals, which need the pay reports, with the checks
    /// variance made.
    struct PayParts: Sendable {
        var variance: VarianceReport
        var metrics: SalesMetrics
        var controls: ControlTotals
        var checks: FinanceChecks
    }

    static func payParts(_ sources: Sources) -> PayParts {
        let book = sources.book
        let directory = RepDirectory(book: book)
        let checks = FinanceChecks(fx: sources.fx)
        let variance = VarianceReport(book: book, schedule: sources.schedule, payroll: sources.payroll,
                                      expected: sources.inputs.hasExpected ? sources.inputs.expected : nil, hasLedger: sources.hasLedger,
                                      thresholds: sources.thresholds, directory: directory, checks: checks)
        let metrics = SalesMetrics(book: book, measures: sources.measures, inputs: sources.inputs, activity: sources.activity,
                                   directory: directory)
        let controls = ControlTotals(dealCounts: sources.dealCounts, activity: sources.activity, runMonthCredits: sources.runMonthCredits,
                                     payroll: sources.payroll)
        return PayParts(variance: variance, metrics: metrics, controls: controls, checks: checks)
    }

    /// The view from its two halves, their checks taken as if the halves had been made one after
    /// the other. An amount past what it computes exactly (`FinanceArithmetic`) is logged as an
    /// input error; a missing fx rate is kept in `missingRates`.
    init(forecasts: Forecasts, payParts: PayParts, log: DiagnosticLog) {
        forecast = forecasts.accuracy
        variance = payParts.variance
        metrics = payParts.metrics
        controls = payParts.controls
        forecasts.checks.append(payParts.checks)
        forecasts.checks.report(to: log)
        missingRates = forecasts.checks.missingRates
    }
}
