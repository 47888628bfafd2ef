import CPlatform
import Dispatch

/// One month's run, stage by stage: load → credit → measure → reward → pay → report.
///
/// `compute` reads and checks every input (all problems reported together), then calculates;
/// `write` (in PayrollRun+Output.swift) writes its files. Nothing here prints.
public enum PayrollRun {
    /// Everything a run computed for its month.
    public struct Result: Sendable {
        public var period: YearMonth
        public var book: PlanBook
        public var totals: CreditTotals
        public var schedule: PaySchedule
        public var attainment: [ComponentMeasure]
        public var payroll: PayrollReport
        /// What was read, credits.csv's order and the inputs' checksums, made while the month was measured.
        public var prepared: OutputPreparation
        public var dealCounts: DealCounts
        /// Forecast accuracy, variance, sales metrics and control totals (§4, §5).
        public var finance: FinanceView
        /// Whether a ledger's payments were taken into account (§3.10): payroll.csv then has prior adjustments.
        public var usesLedger: Bool
    }

    /// An input file a run read.
    public struct InputFile: Sendable {
        public var path: String
        public var kind: InputKind
        /// Data rows (CSV), `<deal>` elements (deals XML) or participants (plans).
        public var rows: Int
    }

    /// Reads and checks the inputs and computes the month. Throws `CompError.invalidInput` with
    /// every problem found, or `CompError.io` when a file cannot be read. Without a period (as
    /// `comp validate` may be called) the last month of the latest plan year is taken, so that
    /// every deal of every plan year is checked.
    /// With a `ledger`, payroll.csv carries the prior-period adjustments of §3.10.
    public static func compute(
        inputs: RunInputs, period requestedPeriod: YearMonth?, ledger: PaymentLedger? = nil, options: RunOptions = RunOptions()
    ) throws -> Result {
        StageTimer.shared.restart()
        TerminalProgress.shared.begin(.plans)
        let log = DiagnosticLog()
        var inputFiles: [(path: String, kind: InputKind, rows: Int)] = []
        let earlyDigests = EarlyDigests(paths: inputs.dealPaths)

        // Load: plans and payments.csv side by side (neither needs the other; payments can be
        // millions of rows), fx, then deals streamed straight into the credit stage.
        let planFiles = inputs.planFiles(log: log)
        comp_use_small_block_bins(false)
        let paymentsLog = DiagnosticLog(limit: log.limit)
        let (plans, readPayments) = Parallel.both(
            { PlanReader.read(files: planFiles, log: log) },
            { inputs.paymentsPath.map { path in Swift.Result { try Payments.read(path: path, log: paymentsLog) } } })
        comp_use_small_block_bins(true)
        // The plan documents are freed by now: hand the reading threads' malloc arenas back to the system.
        comp_release_free_memory()
        let plansAreValid = log.isEmpty
        StageTimer.shared.mark("plans")
        for plan in plans {
            inputFiles.append((plan.sourcePath, .plan, plan.participants.count))
        }
        var fx = FXTable()
        if let path = inputs.fxPath {
            let (table, rows) = try FXTable.read(path: path, log: log)
            fx = table
            inputFiles.append((path, .fx, rows))
        }
        let rates = fx

        StageTimer.shared.mark("fx inputs")
        let latestPlanMonth = plans.map { $0.fiscalYear.start.adding(months: 11) }.max()
        let period = requestedPeriod ?? latestPlanMonth ?? YearMonth(year: 1970, month: 1)
        let book = PlanBook(plans: plans, runMonth: period)
        // With a broken plan some participants are unknown: do not blame the deals for that.
        let knownIDs = plansAreValid ? book.participantIDs : nil
        // Forecasts, pipeline and expectations feed the finance reports (§2.3, §4).
        let forecasts = try ForecastInputs.read(inputs, participantIDs: knownIDs, log: log) { inputFiles.append(($0, $1, $2)) }
        let emptyActivity = DealActivity(book: book, fx: fx, months: FinanceView.months(of: book))
        var payments: [Payments] = []
        if let path = inputs.paymentsPath, let file = try readPayments?.get() {
            log.append(paymentsLog, lineOffset: 0)
            payments.append(file)
            inputFiles.append((path, .payments, file.count))
        }
        if let whatIf = options.whatIfPayments { payments.append(whatIf) }
        StageTimer.shared.mark("forecast inputs")
        TerminalProgress.shared.begin(.deals)
        let credited = try CreditPass.run(
            paths: inputs.dealPaths, book: book, fx: fx, log: log, knowsEveryParticipant: plansAreValid, givenDeals: options.whatIfDeals,
            payments: payments, activity: emptyActivity, watchedIDs: forecasts.pipeline.opportunities.map(\.id))
        StageTimer.shared.mark("credit")
        TerminalProgress.shared.begin(.pay)
        for (path, rows) in zip(inputs.dealPaths, credited.rowsPerFile) { inputFiles.append((path, .deals, rows)) }
        credited.totals.checkLimits(book: book, file: inputs.dealPaths.first ?? "deals", log: log)
        for (missing, location) in credited.missingRates.sorted(by: { $0.key < $1.key }) {
            log.error(SourceLocation(file: location.file, line: location.line, column: 0),
                      "no fx rate for \(missing.month) \(missing.from)→\(missing.to)\(inputs.fxPath.map { " in \($0)" } ?? " (no fx.csv given)"); this deal is the first to need it")
        }
        guard log.isEmpty else { throw CompError.invalidInput(log.sorted, more: log.droppedCount) }
        let prepared = OutputPreparation(inputFiles: inputFiles.map { InputFile(path: $0.path, kind: $0.kind, rows: $0.rows) },
                                         credits: credited.totals.runMonthCreditRows, early: earlyDigests)

        // Measure, reward and pay: replay the fiscal year through the run month.
        let counts = DealCounts(dealRows: credited.rowsPerFile.reduce(0, +), won: credited.won, cancelled: credited.cancelled)
        let measurer = Measurer(book: book, totals: credited.totals)
        let schedule = PaySchedule(book: book, measurer: measurer)
        StageTimer.shared.mark("measure, reward, pay")
        TerminalProgress.shared.begin(.reports)
        let paid = try paidBefore(book: book, ledger: ledger)
        // Forecast accuracy needs nothing of the pay: one core works it out while the other makes the pay reports.
        let activity = credited.activity ?? emptyActivity
        let runMonthCredits = credited.totals.runMonthCreditRows
        let thresholds = options.varianceThresholds
        let (forecastAccuracy, (attainment, payroll, payParts)) = Parallel.both(
            { FinanceView.forecasts(book: book, fx: rates, inputs: forecasts, activity: activity) },
            {
                let measures = schedule.runMonthMeasures
                let pay = PayrollReport(book: book, schedule: schedule, paid: paid)
                let parts = FinanceView.payParts(FinanceView.Sources(
                    book: book, fx: rates, schedule: schedule, payroll: pay, measures: measures,
                    runMonthCredits: runMonthCredits, dealCounts: counts, inputs: forecasts, activity: activity,
                    hasLedger: paid != nil, thresholds: thresholds))
                return (measures, pay, parts)
            })
        let finance = FinanceView(forecasts: forecastAccuracy, payParts: payParts, log: log)
        guard log.isEmpty else { throw CompError.invalidInput(log.sorted, more: log.droppedCount) }
        StageTimer.shared.mark("attainment, payroll, finance")
        return Result(
            period: period, book: book, totals: credited.totals, schedule: schedule, attainment: attainment, payroll: payroll,
            prepared: prepared, dealCounts: counts, finance: finance, usesLedger: ledger != nil)
    }

    /// The period that must be closed before the run's month can be: the month before, unless the
    /// run month opens the fiscal year of every plan taking part (§3.10: periods close in order).
    public static func previousPeriodToClose(_ result: Result) -> YearMonth? {
        let book = result.book
        let previous = book.runMonth.adding(months: -1)
        let needsPrevious = book.plans.indices.contains { book.participates[$0] && book.plans[$0].fiscalYear.contains(previous) }
        return needsPrevious ? previous : nil
    }

    /// The ledger's payments from the start of the earliest participating fiscal year up to the run month.
    private static func paidBefore(book: PlanBook, ledger: PaymentLedger?) throws -> [PaymentLedger.Payment]? {
        guard let ledger else { return nil }
        let starts = book.plans.indices.filter { book.participates[$0] }.map { book.plans[$0].fiscalYear.start }
        guard let first = starts.min() else { return [] }
        return try ledger.payments(from: first, through: book.runMonth.adding(months: -1))
    }
}
