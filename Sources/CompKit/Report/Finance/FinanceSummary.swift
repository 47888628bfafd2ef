/// summary.md and summary.html (§5): what finance reads first each month. In this order it
/// answers: what do we pay, what changed since last month and why, who is flagged, how good were
/// the forecasts; then attainment, sales activity and the control totals that tie it to the files.
public struct FinanceSummary {
    let result: PayrollRun.Result
    private let directory: RepDirectory

    /// Per-rep tables and charts stop after this many rows (the CSV files have them all).
    static let maxRows = 40

    public init(_ result: PayrollRun.Result) {
        self.result = result
        directory = RepDirectory(book: result.book)
    }

    public var files: [(name: String, bytes: [UInt8])] {
        let document = self.document
        return [("summary.md", SummaryMarkdown.render(document)), ("summary.html", SummaryHTML.render(document))]
    }

    private var finance: FinanceView { result.finance }
    private var period: YearMonth { result.period }

    private func name(_ id: String) -> String {
        directory.entry(of: id, in: period).map { result.book.entry($0).name } ?? ""
    }

    var document: SummaryDocument {
        var document = SummaryDocument(title: "Compensation summary — \(SummaryFormat.monthName(period)) (\(period))")
        glance(&document)
        payout(&document)
        changes(&document)
        flagged(&document)
        forecasts(&document)
        attainment(&document)
        activity(&document)
        controls(&document)
        return document
    }

    // MARK: - Sections

    private func glance(_ document: inout SummaryDocument) {
        let controls = finance.controls
        var items: [String] = []
        let people = Set(result.payroll.rows.map(\.key.employeeID)).count
        let totals = controls.payCurrencies.map { "**\(SummaryFormat.moneyCode(controls.payTotal($0).amount, $0))**" }
        items.append("We pay \(totals.isEmpty ? "nothing" : SummaryFormat.list(totals)) this month: \(result.payroll.rows.count) payroll rows for \(people) people.")
        let adjustments = controls.payCurrencies.map { ($0, controls.payTotal($0).priorAdjustment) }.filter { !$0.1.isZero }
        if !adjustments.isEmpty {
            items.append("Of that, prior-period adjustments (late or corrected deals against months already paid): "
                         + SummaryFormat.list(adjustments.map { SummaryFormat.moneyCode($0.1, $0.0) }) + ".")
        }
        for (currency, movement) in variableByCurrency() {
            items.append("Variable pay (all but BASE) in \(currency.code): \(SummaryFormat.money(movement.current, currency)), "
                         + "\(SummaryFormat.change(movement.current - movement.last, currency)) on last month's \(SummaryFormat.money(movement.last, currency)).")
        }
        let flagged = finance.variance.rows.filter(\.flagged)
        items.append(flagged.isEmpty ? "Nothing is flagged for review."
                     : "**\(flagged.count)** change\(flagged.count == 1 ? " is" : "s are") flagged for review (\(Set(flagged.map(\.employeeID)).count) people).")
        let team = finance.forecast.team
        var forecastLine = "Forecasts for the month: commit accuracy \(SummaryFormat.percent(team.commit.total.accuracy)), weighted \(SummaryFormat.percent(team.weighted.total.accuracy))"
        if let year = finance.forecast.yearToDate {
            forecastLine += "; \(year.label): commit \(SummaryFormat.percent(year.commit.total.accuracy)), weighted \(SummaryFormat.percent(year.weighted.total.accuracy))"
        }
        items.append(forecastLine + ".")
        if !finance.missingRates.isEmpty {
            items.append("**fx rates missing** that only these finance figures need (payroll is complete): "
                         + SummaryFormat.list(finance.missingRates.map(\.label))
                         + "; the figures they would give are blank (–) here and in the CSV files, and each is a row of exceptions.csv.")
        }
        let reconciles = controls.credits.allSatisfy(\.reconciles)
        items.append("Control totals: credits.csv \(reconciles ? "agrees with" : "**does not agree** with") the deals; payroll totals below are the sums of payroll.csv.")
        document.add(.heading("At a glance"))
        document.add(.bullets(items))
    }

    private func payout(_ document: inout SummaryDocument) {
        let controls = finance.controls
        document.add(.heading("What we pay this month"))
        var rows: [[String]] = []
        var totals: Set<Int> = []
        for currency in controls.payCurrencies {
            for line in controls.pay where line.currency == currency {
                rows.append([currency.code, line.payType?.label ?? "", String(line.rows), SummaryFormat.money(line.computed, currency),
                             SummaryFormat.money(line.priorAdjustment, currency), SummaryFormat.money(line.amount, currency)])
            }
            let total = controls.payTotal(currency)
            totals.insert(rows.count)
            rows.append([currency.code, "Total", String(total.rows), SummaryFormat.money(total.computed, currency),
                         SummaryFormat.money(total.priorAdjustment, currency), SummaryFormat.money(total.amount, currency)])
        }
        document.add(.table(.init(header: ["Currency", "Pay type", "Rows", "This month's pay", "Prior adjustment", "Amount paid"], rows: rows,
                                  numeric: [2, 3, 4, 5], emphasized: totals)))
        heldBack(&document)
        for currency in controls.payCurrencies {
            let lines = controls.pay.filter { $0.currency == currency }
            document.add(.chart(BarChart(
                title: "Payout by pay type (\(currency.code), amount paid)", series: ["amount paid"],
                categories: lines.map { .init(label: $0.payType?.label ?? "", values: [$0.amount]) },
                format: { SummaryFormat.money($0, currency) })))
        }
    }

    /// Holdbacks (§3.11): what is held and not yet released at the month's end, a liability to book;
    /// and what was forfeited this month.
    private func heldBack(_ document: inout SummaryDocument) {
        let held = result.schedule.heldAtMonthEnd.sorted { $0.key < $1.key }
        let forfeits = result.schedule.forfeits
        // Nothing is held or forfeited without a holdback: the section is for plans that have one.
        guard result.book.plans.contains(where: { $0.components.contains { $0.holdback != nil } }) else { return }
        var items = ["Held back at the end of \(period), to be released later (a liability): "
                     + (held.isEmpty ? "nothing" : SummaryFormat.list(held.map { SummaryFormat.moneyCode($0.value, $0.key) })) + "."]
        if !forfeits.isEmpty {
            var sums: [Currency: ExactDecimal] = [:]
            for forfeit in forfeits { sums[result.book.plan(forfeit.entry).currency, default: .zero] += forfeit.amount }
            items.append("Forfeited this month by \(Set(forfeits.map { result.book.entry($0.entry).id }).count) people who left before the release: "
                         + SummaryFormat.list(sums.sorted { $0.key < $1.key }.map { SummaryFormat.moneyCode($0.value, $0.key) })
                         + " (rows of exceptions.csv).")
        }
        document.add(.bullets(items))
    }

    /// Variable pay this month and last, per currency.
    private func variableByCurrency() -> [(Currency, (current: ExactDecimal, last: ExactDecimal))] {
        var sums: [Currency: (current: ExactDecimal, last: ExactDecimal)] = [:]
        for movement in finance.variance.movements {
            sums[movement.currency, default: (.zero, .zero)].current += movement.currentTotal
            sums[movement.currency, default: (.zero, .zero)].last += movement.lastTotal
        }
        return sums.sorted { $0.key < $1.key }
    }

    private func changes(_ document: inout SummaryDocument) {
        document.add(.heading("What changed since last month"))
        let movers = finance.variance.movements.filter { !$0.delta.isZero }
        guard !movers.isEmpty else {
            document.add(.paragraph("Nobody's variable pay changed from last month."))
            return
        }
        document.add(.paragraph("Variable pay is everything but BASE. The people whose variable pay moved most (up to 10 per "
                                + "currency, largest change first); \"why\" lists the pay types that moved. \(movers.count) people changed in all."))
        let top = FinanceSummary.largest(movers, limit: 10, currency: \.currency, size: \.delta.magnitude)
        let rows = top.map { movement -> [String] in
            let money = movement.currency
            return [movement.employeeID, movement.name, money.code, SummaryFormat.money(movement.lastTotal, money),
                    SummaryFormat.money(movement.currentTotal, money), SummaryFormat.change(movement.delta, money), reasons(movement)]
        }
        document.add(.table(.init(header: ["Employee", "Name", "Currency", "Last month", "This month", "Change", "Why"],
                                  rows: Array(rows), numeric: [3, 4, 5], wraps: [6])))
    }

    /// The largest items by `size`, at most `limit` per currency, by currency code and then size
    /// (largest first; equal sizes keep their order): amounts in different currencies are never
    /// ranked against each other. One pass, keeping each currency's few largest so far.
    static func largest<T>(_ items: [T], limit: Int, currency: (T) -> Currency, size: (T) -> ExactDecimal) -> [T] {
        guard limit > 0 else { return [] }
        var kept: [Currency: [(size: ExactDecimal, item: T)]] = [:]
        for item in items {
            let itemSize = size(item)
            let code = currency(item)
            var top = kept[code, default: []]
            if top.count == limit, let smallest = top.last, itemSize <= smallest.size { continue }
            // After every kept item at least as large: an equal size stays behind the earlier one.
            let position = top.firstIndex { $0.size < itemSize } ?? top.count
            top.insert((itemSize, item), at: position)
            if top.count > limit { top.removeLast() }
            kept[code] = top
        }
        return kept.keys.sorted().flatMap { kept[$0]!.map(\.item) }
    }

    /// The pay types that moved, largest first: `COMMISSION +4,440.00 (2,400.00 → 6,840.00)`.
    private func reasons(_ movement: VarianceReport.Movement) -> String {
        let money = movement.currency
        let types = Set(movement.current.keys).union(movement.last.keys).sorted()
        let changes = types.map { type -> (PayType, ExactDecimal) in
            (type, (movement.current[type] ?? .zero) - (movement.last[type] ?? .zero))
        }.filter { !$0.1.isZero }.sorted { $0.1.magnitude != $1.1.magnitude ? $0.1.magnitude > $1.1.magnitude : $0.0 < $1.0 }
        return changes.map { type, change in
            "\(type.label) \(SummaryFormat.change(change, money)) (\(SummaryFormat.money(movement.last[type] ?? .zero, money)) → \(SummaryFormat.money(movement.current[type] ?? .zero, money)))"
        }.joined(separator: "; ")
    }

    private func flagged(_ document: inout SummaryDocument) {
        let variance = finance.variance
        document.add(.heading("Flagged for review"))
        document.add(.paragraph("A change is flagged when it is at least \(SummaryFormat.grouped(variance.thresholds.amount.description)) "
                                + "in the person's currency and at least \(variance.thresholds.percent) % of the baseline (or the baseline is 0). "
                                + "Baselines: last month's variable pay, target incentive ÷ 12, what the rep expects (expected.csv), "
                                + "and for prior-period adjustments 0."))
        let flagged = variance.rows.filter(\.flagged)
        guard !flagged.isEmpty else {
            document.add(.paragraph("Nothing is flagged."))
            return
        }
        // A short list reads best by person; a long one shows the largest changes of each currency.
        let rows = flagged.count <= FinanceSummary.maxRows ? flagged
            : FinanceSummary.largest(flagged, limit: FinanceSummary.maxRows, currency: \.currency, size: { $0.delta?.magnitude ?? .zero })
        if rows.count < flagged.count {
            document.add(.paragraph("\(flagged.count) changes are flagged; the \(FinanceSummary.maxRows) largest of each currency "
                                    + "follow, all of them are in variance.csv (flag Y)."))
        }
        let labels: [VarianceReport.Measure: String] = [.lastMonth: "vs last month", .target: "vs target", .expected: "vs expected",
                                                        .priorAdjustment: "prior-period adjustment"]
        document.add(.table(.init(
            header: ["Employee", "Name", "Measure", "Currency", "Current", "Baseline", "Change", "Change %"],
            rows: rows.map { row in
                let money = row.currency
                return [row.employeeID, name(row.employeeID), labels[row.measure] ?? row.measure.label, money.code,
                        SummaryFormat.money(row.current, money), SummaryFormat.money(row.baseline, money),
                        SummaryFormat.change(row.delta, money), SummaryFormat.signedPercent(row.deltaPercent)]
            }, numeric: [4, 5, 6, 7])))
    }

    private func forecasts(_ document: inout SummaryDocument) {
        let forecast = finance.forecast
        let team = forecast.teamCurrency
        document.add(.heading("How good were the forecasts"))
        document.add(.paragraph("Accuracy = max(0, 1 − |forecast − actual| ÷ actual); bias = (forecast − actual) ÷ actual, above 0 when "
                                + "the forecast was too high. The actual is each rep's own credits dated in the month. Commit comes from "
                                + "forecasts.csv; weighted is Σ amount × probability of the pipeline snapshot of "
                                + "\(finance.metrics.snapshot.map(String.init(describing:)) ?? "(none)") for deals expected to close in the month. "
                                + "Team figures are in \(team.code)\(forecast.reps.contains { $0.currency != team } ? ", other currencies converted at each month's fx rate" : "")."))
        var rows: [[String]] = []
        for span in [forecast.team, forecast.quarterToDate, forecast.yearToDate].compactMap({ $0 }) {
            for method in ForecastAccuracy.Method.allCases {
                let score = span.team(method)
                rows.append([span.label, method.rawValue, SummaryFormat.money(score.total.forecast, team), SummaryFormat.money(score.total.actual, team),
                             SummaryFormat.change(score.total.error, team), SummaryFormat.percent(score.total.accuracy),
                             SummaryFormat.percent(score.total.bias), SummaryFormat.percent(score.wape), SummaryFormat.percent(score.mape),
                             SummaryFormat.percent(score.shareAccurate)])
            }
        }
        document.add(.table(.init(header: ["Period", "Method", "Forecast", "Actual", "Error", "Accuracy", "Bias", "WAPE", "MAPE",
                                           "Reps ≥ 75 % accurate"], rows: rows, numeric: Set(2...9))))
        guard !forecast.reps.isEmpty else {
            document.add(.paragraph("No rep had a commit, a weighted pipeline or an actual this month."))
            return
        }
        let shown = forecast.reps.prefix(FinanceSummary.maxRows)
        document.add(.table(.init(
            header: ["Rep", "Name", "Currency", "Commit", "Weighted", "Actual", "Commit accuracy", "Weighted accuracy"],
            rows: shown.map { row in
                [row.rep, name(row.rep), row.currency.code, SummaryFormat.money(row.commit.forecast, row.currency),
                 SummaryFormat.money(row.weighted.forecast, row.currency), SummaryFormat.money(row.commit.actual, row.currency),
                 SummaryFormat.percent(row.commit.accuracy), SummaryFormat.percent(row.weighted.accuracy)]
            }, numeric: Set(3...7))))
        if forecast.reps.count > shown.count {
            document.add(.paragraph("… and \(forecast.reps.count - shown.count) more reps in forecast_accuracy.csv."))
        }
        // A rep whose figures need a missing fx rate is left out of the chart (the table shows –).
        let charted = shown.compactMap { row -> BarChart.Category? in
            guard let rate = finance.forecast.teamRates[row.currency] else { return nil }
            let values = [row.commit.forecast, row.weighted.forecast, row.commit.actual].compactMap { $0.map { team.round($0 * rate) } }
            return values.count == 3 ? .init(label: "\(row.rep) \(name(row.rep))", values: values) : nil
        }
        document.add(.chart(BarChart(
            title: "Forecast vs actual per rep (\(team.code)\(forecast.reps.contains { $0.currency != team } ? ", converted" : ""))"
                + (charted.count < shown.count ? "; \(shown.count - charted.count) left out for a missing fx rate" : ""),
            series: ["commit", "weighted", "actual"],
            categories: charted,
            format: { SummaryFormat.money($0, team) })))
    }

    private func attainment(_ document: inout SummaryDocument) {
        let metrics = finance.metrics
        document.add(.heading("Quota attainment"))
        guard !metrics.attainment.isEmpty else {
            document.add(.paragraph("No one has a quota in this month's quota periods."))
            return
        }
        document.add(.paragraph("Attainment = credit to date in the quota period ÷ its quota, for every component with a quota."))
        document.add(.table(.init(
            header: ["Component", "Reps with a quota", "At ≥ 100 %", "Share"],
            rows: metrics.standings.map { [$0.component ?? "every component", String($0.reps), String($0.atTarget), SummaryFormat.percent($0.share)] },
            numeric: [1, 2, 3], emphasized: [metrics.standings.count - 1])))
        document.add(.chart(BarChart(
            title: "Attainment distribution (reps × components)", series: ["count"],
            categories: metrics.distribution.map { band in
                func whole(_ ratio: ExactDecimal) -> String { SummaryFormat.percent(ratio).replacingOccurrences(of: ".0 %", with: " %") }
                let label = band.lower.isZero ? "below \(whole(band.upper ?? .zero))"
                    : band.upper.map { "\(whole(band.lower)) to < \(whole($0))" } ?? "\(whole(band.lower)) and up"
                return .init(label: label, values: [ExactDecimal(band.count)])
            },
            format: { $0.formatted(decimals: 0) })))
        let shown = metrics.attainment.prefix(FinanceSummary.maxRows)
        document.add(.table(.init(
            header: ["Rep", "Name", "Plan", "Component", "Quota period", "Attainment"],
            rows: shown.map { [$0.rep, $0.name, $0.planID, $0.component, $0.quotaPeriod, SummaryFormat.percent($0.attainment)] },
            numeric: [5])))
        if metrics.attainment.count > shown.count {
            document.add(.paragraph("… and \(metrics.attainment.count - shown.count) more in attainment.csv."))
        }
    }

    private func activity(_ document: inout SummaryDocument) {
        let metrics = finance.metrics
        document.add(.heading("Sales activity"))
        var items: [String] = []
        let wins = metrics.wins.reduce(0) { $0 + $1.count }
        items.append("\(wins) deal\(wins == 1 ? "" : "s") closed in the month"
                     + (metrics.wins.isEmpty ? "." : "; average size " + metrics.wins.map {
                         "\(SummaryFormat.moneyCode($0.average, $0.currency)) (\($0.count) in \($0.currency.code))"
                     }.joined(separator: ", ") + "."))
        items.append("\(metrics.cancelled) deal\(metrics.cancelled == 1 ? " was" : "s were") cancelled in the month.")
        items.append(metrics.averageCycleDays.map { "Average sales cycle: \($0) days (created to closed, \(metrics.cycleDeals) deals with a created date)." }
                     ?? "No deal closed in the month has a created date, so there is no sales cycle.")
        document.add(.bullets(items))
        guard !metrics.calibration.isEmpty else {
            document.add(.paragraph("No pipeline opportunity was expected to close in the month."))
            return
        }
        document.add(.paragraph("Stage calibration: opportunities of the \(metrics.snapshot.map(String.init(describing:)) ?? "") snapshot expected "
                                + "to close in the month, by stage: the probability the CRM stated against the share that did close "
                                + "(a deal with the opportunity's id closed in the month)."))
        document.add(.table(.init(
            header: ["Stage", "Opportunities", "Stated probability", "Closed", "Closed share"],
            rows: metrics.calibration.map {
                [$0.stage, String($0.opportunities), SummaryFormat.percent($0.meanProbability), String($0.closed), SummaryFormat.percent($0.closedShare)]
            }, numeric: [1, 2, 3, 4])))
        document.add(.chart(BarChart(
            title: "Stage calibration: stated probability vs closed share", series: ["stated probability", "closed in the month"],
            categories: metrics.calibration.map { .init(label: $0.stage, values: [$0.meanProbability, $0.closedShare]) },
            format: { SummaryFormat.percent($0) })))
        guard !metrics.slipped.isEmpty else {
            document.add(.paragraph("No slipped commits: every opportunity at probability ≥ 0.9 expected this month closed."))
            return
        }
        document.add(.paragraph("Slipped commits: probability ≥ 0.9, expected to close this month, not closed (\(metrics.slipped.count))."))
        document.add(.table(.init(
            header: ["Opportunity", "Rep", "Name", "Stage", "Probability", "Amount", "Expected close"],
            rows: metrics.slipped.prefix(FinanceSummary.maxRows).map {
                [$0.id, $0.repID, name($0.repID), $0.stage, SummaryFormat.percent($0.probability), SummaryFormat.moneyCode($0.amount, $0.currency),
                 $0.expectedClose.description]
            }, numeric: [4, 5])))
    }

    private func controls(_ document: inout SummaryDocument) {
        let controls = finance.controls
        document.add(.heading("Control totals"))
        document.add(.bullets([
            "Deal rows read: \(controls.dealRows) (won \(controls.won), cancelled \(controls.cancelled)).",
            "Payroll: \"Amount paid\" in \"What we pay this month\" is the sum of payroll.csv's amount column, \"Prior adjustment\" "
                + "the sum of its prior_adjustment column (the part of the amount that corrects closed periods), and \"This month's pay\" "
                + "the difference.",
        ]))
        guard !controls.credits.isEmpty else {
            document.add(.paragraph("No credit is dated in the month."))
            return
        }
        document.add(.paragraph("Credits dated in the month, once per rep and deal: the converted amount in (amount × fx × split, exact), "
                                + "the rounded credits out, and the rounding residual (out − in; split residuals are not redistributed). "
                                + "\"credits.csv\" is the same count and sum read back from credits.csv's credit rows."))
        var rows = controls.credits.map { line -> [String] in
            let money = line.currency
            return [money.code, String(line.recomputed.count), SummaryFormat.grouped(line.recomputed.amountIn.formatted(decimals: 6)),
                    SummaryFormat.money(line.recomputed.creditOut, money), SummaryFormat.grouped(line.recomputed.residual.formatted(decimals: 6)),
                    "\(line.posted.count) / \(SummaryFormat.money(line.posted.total, money))", line.reconciles ? "yes" : "**no**"]
        }
        for chargeback in controls.chargebacks {
            rows.append(["\(chargeback.currency.code) chargebacks", String(chargeback.count), "", SummaryFormat.money(chargeback.total, chargeback.currency),
                         "", "", ""])
        }
        document.add(.table(.init(header: ["Currency", "Credits", "Amount in", "Credit out", "Residual", "credits.csv", "Agrees"],
                                  rows: rows, numeric: [1, 2, 3, 4, 5])))
    }
}
