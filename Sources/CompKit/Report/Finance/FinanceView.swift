/// Finance's view of a run month: forecast accuracy, variance, sales metrics and control totals,
/// the content of forecast_accuracy.csv, variance.csv, summary.md and summary.html.
public struct FinanceView: Sendable {
    public var forecast: ForecastAccuracy
    public var variance: VarianceReport
    public var metrics: SalesMetrics
    public var controls: ControlTotals

    /// The fiscal year whose quarter and year to date the summary reports: the earliest-starting
    /// one among the plans taking part in the run; nil when none does.
    public static func fiscalYear(of book: PlanBook) -> FiscalYear? {
        book.plans.indices.filter { book.participates[$0] }.map { book.plans[$0].fiscalYear }.min { $0.start < $1.start }
    }

    /// The months whose actuals the deal observer keeps: the fiscal year through the run month.
    static func months(of book: PlanBook) -> ClosedRange<YearMonth>? {
        fiscalYear(of: book).map { $0.start...book.runMonth }
    }

    /// What a run hands to the finance reports.
    struct Sources {
        var book: PlanBook
        var fx: FXTable
        var fxPath: String?
        var schedule: PaySchedule
        var payroll: PayrollReport
        var measures: [ComponentMeasure]
        var runMonthCredits: RunMonthCredits
        var rowCounts: [String: Int]
        var inputs: ForecastInputs
        var activity: DealActivity
        var hasLedger: Bool
        var thresholds: VarianceReport.Thresholds
    }

    /// Computes the view; an fx rate it needs and fx.csv lacks, or an amount past what it computes
    /// exactly (`FinanceArithmetic`), is logged as an input error.
    init(_ sources: Sources, log: DiagnosticLog) {
        let book = sources.book
        let directory = RepDirectory(book: book)
        let checks = FinanceChecks(fx: sources.fx)
        if let deal = sources.activity.tooLarge {
            _ = checks.bounded(nil, at: deal, what: "the month's credits added up for the control totals")
        }
        forecast = ForecastAccuracy.build(book: book, inputs: sources.inputs, activity: sources.activity, directory: directory,
                                          checks: checks, year: FinanceView.fiscalYear(of: book))
        variance = VarianceReport(book: book, schedule: sources.schedule, payroll: sources.payroll,
                                  expected: sources.inputs.hasExpected ? sources.inputs.expected : nil, hasLedger: sources.hasLedger,
                                  thresholds: sources.thresholds, directory: directory, checks: checks)
        metrics = SalesMetrics(book: book, measures: sources.measures, inputs: sources.inputs, activity: sources.activity,
                               directory: directory)
        controls = ControlTotals(rowCounts: sources.rowCounts, activity: sources.activity, runMonthCredits: sources.runMonthCredits,
                                 payroll: sources.payroll)
        checks.report(to: log, fxPath: sources.fxPath)
    }
}
