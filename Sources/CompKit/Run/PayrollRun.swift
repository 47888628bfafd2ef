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
        /// attainment.csv's rows in its order.
        public var attainment: [ComponentMeasure]
        public var payroll: Payroll
        /// The input files read, in the manifest's order.
        public var inputFiles: [InputFile]
        /// credits.csv's order and the inputs' checksums, made while the month was measured
        /// (`RunOptions.preparesOutput`); nil when they are made as the files are written.
        public var prepared: OutputPreparation?
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
        let log = DiagnosticLog()
        let earlyDigests = options.preparesOutput ? EarlyDigests(paths: inputs.dealPaths) : nil
        var loaded = try load(inputs, period: requestedPeriod, options: options, log: log)
        let credited = try credit(loaded, inputs: inputs, options: options, log: log)
        // Credited now, and needed by nothing after: at ten million deals they are 200 MB.
        loaded.payments = []
        for (path, rows) in zip(inputs.dealPaths, credited.rowsPerFile) { loaded.files.append(InputFile(path: path, kind: .deals, rows: rows)) }
        guard log.isEmpty else { throw CompError.invalidInput(log.sorted, more: log.droppedCount) }
        let prepared = earlyDigests.map {
            OutputPreparation(inputFiles: loaded.files, credits: credited.totals.runMonthCreditRows, early: $0)
        }
        let schedule = pay(book: loaded.book, totals: credited.totals)
        let paid = try paidBefore(book: loaded.book, ledger: ledger)
        let reports = try report(loaded, credited: credited, schedule: schedule, paid: paid, options: options, log: log)
        return Result(
            period: loaded.book.runMonth, book: loaded.book, totals: credited.totals, schedule: schedule,
            attainment: reports.attainment, payroll: reports.payroll, inputFiles: loaded.files, prepared: prepared,
            dealCounts: credited.dealCounts, finance: reports.finance, usesLedger: ledger != nil)
    }

    /// What the Load stage read: the plans as a book for the run month, fx, forecasts, payments,
    /// and the files read so far (for the manifest).
    private struct Loaded {
        var book: PlanBook
        var plansAreValid: Bool
        var fx: FXTable
        var forecasts: ForecastInputs
        var payments: [Payments]
        var files: [InputFile]
    }

    /// Load (§2): plans and payments.csv side by side (neither needs the other; payments can be
    /// millions of rows), then fx and the finance inputs. The deals are streamed by the credit stage.
    private static func load(_ inputs: RunInputs, period requestedPeriod: YearMonth?, options: RunOptions,
                             log: DiagnosticLog) throws -> Loaded {
        TerminalProgress.shared.begin(.plans)
        var files: [InputFile] = []
        let planFiles = inputs.planFiles(log: log)
        let paymentsLog = DiagnosticLog(limit: log.limit)
        let (plans, readPayments) = MallocTuning.forManySmallBlocks {
            Parallel.both(
                { PlanReader.read(files: planFiles, log: log) },
                { inputs.paymentsPath.map { path in Swift.Result { try Payments.read(path: path, log: paymentsLog) } } })
        }
        let plansAreValid = log.isEmpty
        StageTimer.shared.mark("plans")
        files += plans.map { InputFile(path: $0.sourcePath, kind: .plan, rows: $0.participants.count) }
        var fx = FXTable()
        if let path = inputs.fxPath {
            let (table, rows) = try FXTable.read(path: path, log: log)
            fx = table
            files.append(InputFile(path: path, kind: .fx, rows: rows))
        }
        StageTimer.shared.mark("fx inputs")
        let latestPlanMonth = plans.map { $0.fiscalYear.start.adding(months: 11) }.max()
        let book = PlanBook(plans: plans, runMonth: requestedPeriod ?? latestPlanMonth ?? YearMonth(year: 1970, month: 1))
        // With a broken plan some participants are unknown: do not blame the inputs for that.
        let knownIDs = plansAreValid ? book.participantIDs : nil
        // Forecasts, pipeline and expectations feed the finance reports (§2.3, §4).
        let forecasts = try ForecastInputs.read(inputs, participantIDs: knownIDs, log: log) {
            files.append(InputFile(path: $0, kind: $1, rows: $2))
        }
        var payments: [Payments] = []
        if let path = inputs.paymentsPath, let file = try readPayments?.get() {
            log.append(paymentsLog, lineOffset: 0)
            payments.append(file)
            files.append(InputFile(path: path, kind: .payments, rows: file.count))
        }
        if let whatIf = options.whatIfPayments { payments.append(whatIf) }
        StageTimer.shared.mark("forecast inputs")
        return Loaded(book: book, plansAreValid: plansAreValid, fx: fx, forecasts: forecasts, payments: payments, files: files)
    }

    /// Credit (§3.1–3.3, §3.1b): every deal file, the what-if deals and the payments through the
    /// one credit pass; the rates the credits needed and fx.csv lacks are logged.
    private static func credit(_ loaded: Loaded, inputs: RunInputs, options: RunOptions, log: DiagnosticLog) throws -> CreditPass.Outcome {
        TerminalProgress.shared.begin(.deals)
        let book = loaded.book
        let credited = try CreditPass.run(
            paths: inputs.dealPaths, book: book, fx: loaded.fx, log: log, knowsEveryParticipant: loaded.plansAreValid,
            givenDeals: options.whatIfDeals, payments: loaded.payments,
            activity: DealActivity(book: book, fx: loaded.fx, months: FinanceView.months(of: book)),
            watchedIDs: loaded.forecasts.pipeline.opportunities.map(\.id))
        StageTimer.shared.mark("credit")
        credited.totals.checkLimits(book: book, file: inputs.dealPaths.first ?? "deals", log: log)
        for (missing, location) in credited.missingRates.sorted(by: { $0.key < $1.key }) {
            let whereLooked = inputs.fxPath.map { " in \($0)" } ?? " (no fx.csv given)"
            log.error(location, "no fx rate for \(missing.month) \(missing.from)→\(missing.to)\(whereLooked); this deal is the first to need it")
        }
        return credited
    }

    /// Measure, reward and pay (§3.4–3.9, §3.11): the fiscal year replayed through the run month.
    private static func pay(book: PlanBook, totals: CreditTotals) -> PaySchedule {
        TerminalProgress.shared.begin(.pay)
        let schedule = PaySchedule(book: book, measurer: Measurer(book: book, totals: totals))
        StageTimer.shared.mark("measure, reward, pay")
        return schedule
    }

    /// Report: attainment.csv's rows in order, the month's payroll (with the ledger's prior
    /// adjustments, §3.10) and finance's view (§4, §5). Forecast accuracy needs nothing of the pay:
    /// one core works it out while the other makes the payroll and the pay reports.
    private static func report(_ loaded: Loaded, credited: CreditPass.Outcome, schedule: PaySchedule,
                               paid: [PaymentLedger.Payment]?, options: RunOptions,
                               log: DiagnosticLog) throws -> (attainment: [ComponentMeasure], payroll: Payroll, finance: FinanceView) {
        TerminalProgress.shared.begin(.reports)
        let (book, fx, forecasts) = (loaded.book, loaded.fx, loaded.forecasts)
        // `credit` hands the pass an activity to fill, so the outcome always carries it.
        guard let activity = credited.activity else { preconditionFailure("the credit pass returns the activity it was given") }
        let runMonthCredits = credited.totals.runMonthCreditRows
        let (counts, thresholds) = (credited.dealCounts, options.varianceThresholds)
        let attainment = AttainmentReport.rows(schedule.runMonthMeasures, book: book)
        let (forecastAccuracy, (payroll, payParts)) = Parallel.both(
            { FinanceView.forecasts(book: book, fx: fx, inputs: forecasts, activity: activity) },
            {
                let payroll = Payroll(book: book, schedule: schedule, paid: paid)
                let parts = FinanceView.payParts(FinanceView.Sources(
                    book: book, fx: fx, schedule: schedule, payroll: payroll, measures: attainment,
                    runMonthCredits: runMonthCredits, dealCounts: counts, inputs: forecasts, activity: activity,
                    hasLedger: paid != nil, thresholds: thresholds))
                return (payroll, parts)
            })
        let finance = FinanceView(forecasts: forecastAccuracy, payParts: payParts, log: log)
        guard log.isEmpty else { throw CompError.invalidInput(log.sorted, more: log.droppedCount) }
        StageTimer.shared.mark("attainment, payroll, finance")
        return (attainment, payroll, finance)
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
