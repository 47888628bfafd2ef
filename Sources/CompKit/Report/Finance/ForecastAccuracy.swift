/// forecast_accuracy.csv and the summary's forecast section (§4, §5 and §7): each rep's commit and
/// weighted forecast against the actual, for the run month, with the team measures of the month,
/// the fiscal quarter to date and the fiscal year to date.
public struct ForecastAccuracy: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case commit, weighted
    }

    /// A rep's two forecasts for a month, in the rep's currency for that month.
    public struct RepRow: Sendable, Hashable {
        public var rep: String
        public var currency: Currency
        public var commit: ForecastScore
        public var weighted: ForecastScore

        public func score(_ method: Method) -> ForecastScore { method == .commit ? commit : weighted }
    }

    /// Team measures over a run of months, every rep-month converted into the team currency.
    public struct Span: Sendable, Hashable {
        /// `2026-03`, `FY2026-Q1 to date`, `FY2026 to date`.
        public var label: String
        public var months: ClosedRange<YearMonth>
        public var commit: TeamForecastScore
        public var weighted: TeamForecastScore

        public func team(_ method: Method) -> TeamForecastScore { method == .commit ? commit : weighted }
    }

    public var month: YearMonth
    /// Sorted by rep id (bytes): every rep with a commit row, a pipeline row counted in the weighted
    /// forecast or an actual > 0 in the month (§7).
    public var reps: [RepRow]
    /// The currency the TEAM rows are told in: the one most of the month's reps are paid in.
    public var teamCurrency: Currency
    /// The run month's rates from the reps' currencies into the team currency (1 for itself).
    public var teamRates: [Currency: ExactDecimal]
    public var team: Span
    public var quarterToDate: Span?
    public var yearToDate: Span?

    /// Who has a forecast or an actual in each month of a run of months, gathered in one pass over
    /// the commits and the actuals (by person position in `PlanBook.people`, which is byte order).
    struct MonthMembers {
        let first: YearMonth
        let people: Int
        /// `[month × people + person]`: has a commit row or an actual > 0 in the month.
        var members: [Bool]
        let activity: DealActivity

        init(months: ClosedRange<YearMonth>, book: PlanBook, inputs: ForecastInputs, activity: DealActivity) {
            first = months.lowerBound
            people = book.people.count
            members = Array(repeating: false, count: (months.upperBound.ordinal - first.ordinal + 1) * people)
            self.activity = activity
            for key in inputs.commits.amounts.keys where months.contains(key.month) {
                if let person = book.person(key.rep) { members[cell(key.month, person)] = true }
            }
            for ordinal in first.ordinal...months.upperBound.ordinal {
                let month = YearMonth(ordinal: ordinal)
                for person in 0..<people where activity.hasPositiveActual(month: month, person: person) {
                    members[cell(month, person)] = true
                }
            }
        }

        func cell(_ month: YearMonth, _ person: Int) -> Int { (month.ordinal - first.ordinal) * people + person }
    }

    /// The rep rows of one month: commits, weighted pipeline and actuals in the rep's currency.
    static func repRows(_ month: YearMonth, members: MonthMembers, inputs: ForecastInputs,
                        directory: RepDirectory, checks: FinanceChecks) -> [RepRow] {
        let book = directory.book
        var isMember = Array(members.members[members.cell(month, 0)..<members.cell(month, members.people)])
        // Reps' weighted forecasts; a rep is unknown once an opportunity of theirs cannot be converted.
        var weighted: [Int: ExactDecimal] = [:]
        var weightedUnknown: Set<Int> = []
        for opportunity in inputs.pipeline.expected(in: month) {
            guard let person = book.person(opportunity.repID), let ref = directory.entry(person: person, in: month) else { continue }
            let currency = book.plan(ref).currency
            isMember[person] = true
            let total = weighted[person] ?? .zero
            weighted[person] = total  // counted, even at amount 0
            // Converted even when the sum is already unknown, so that every missing rate is listed.
            guard let converted = checks.convert(
                opportunity.weightedAmount, month: month, from: opportunity.currency, to: currency, neededBy: opportunity.source,
                for: "to convert opportunity \(opportunity.id) (\(opportunity.source.file)\(opportunity.source.line.map { " line \($0)" } ?? "")) "
                    + "for \(opportunity.repID)'s weighted forecast; that row's forecast, error, accuracy and bias are left blank")
            else {
                weightedUnknown.insert(person)
                continue
            }
            guard let sum = checks.add(total, converted, at: opportunity.source, what: "\(opportunity.repID)'s weighted forecast for \(month)")
            else { continue }
            weighted[person] = sum
        }
        return isMember.indices.compactMap { person -> RepRow? in
            guard isMember[person], let ref = directory.entry(person: person, in: month) else { return nil }
            let rep = book.people[person]
            let currency = book.plan(ref).currency
            // nil once credits in another plan's currency (a plan change) cannot be converted.
            var actual: ExactDecimal? = .zero
            func add(_ amount: ExactDecimal, creditedIn credited: Currency) {
                // Converted like a roll-up copy.
                let converted = checks.convert(amount, month: month, from: credited, to: currency, neededBy: location(of: ref, in: book),
                                               for: "to add \(rep)'s \(credited.code) credits to the forecast actual; the actual, "
                                                   + "error, accuracy and bias of \(rep)'s rows are left blank")
                actual = actual.flatMap { sum in
                    converted.map { checks.add(sum, currency.round($0), at: location(of: ref, in: book), what: "\(rep)'s actual for \(month)") ?? sum }
                }
            }
            members.activity.forEachActual(month: month, person: person) { credited, amount in add(amount, creditedIn: credited) }
            let commit = inputs.commits.amount(rep: rep, month: month) ?? .zero
            return RepRow(rep: rep, currency: currency, commit: ForecastScore(forecast: commit, actual: actual),
                          weighted: ForecastScore(forecast: weightedUnknown.contains(person) ? nil : weighted[person] ?? .zero, actual: actual))
        }
    }

    /// One month's rep rows converted (exactly) into the team currency and added up, per method.
    struct TeamMonth {
        var commit = TeamForecastScore.Sums()
        var weighted = TeamForecastScore.Sums()

        init(_ month: YearMonth, rows: [RepRow], currency: Currency, directory: RepDirectory, checks: FinanceChecks) {
            for row in rows {
                func location() -> SourceLocation {
                    directory.entry(of: row.rep, in: month).map { ForecastAccuracy.location(of: $0, in: directory.book) }
                        ?? SourceLocation.wholeFile("")
                }
                func converted(_ amount: ExactDecimal?) -> ExactDecimal? {
                    amount.flatMap {
                        checks.convert($0, month: month, from: row.currency, to: currency, neededBy: location(),
                                       for: "to add \(row.rep)'s forecasts into the TEAM rows (in \(currency.code)); "
                                           + "the TEAM rows' forecast, actual, error, accuracy and bias are left blank")
                    }
                }
                commit.add(ForecastScore(forecast: converted(row.commit.forecast), actual: converted(row.commit.actual)))
                weighted.add(ForecastScore(forecast: converted(row.weighted.forecast), actual: converted(row.weighted.actual)))
            }
        }
    }

    /// The team measures of some months, from each month's sums.
    static func span(_ label: String, months: ClosedRange<YearMonth>, teamMonth: (YearMonth) -> TeamMonth) -> Span {
        var commit = TeamForecastScore.Sums()
        var weighted = TeamForecastScore.Sums()
        for ordinal in months.lowerBound.ordinal...months.upperBound.ordinal {
            let month = teamMonth(YearMonth(ordinal: ordinal))
            commit.add(month.commit)
            weighted.add(month.weighted)
        }
        return Span(label: label, months: months, commit: TeamForecastScore(commit), weighted: TeamForecastScore(weighted))
    }

    /// The month's rep rows and team measures; the quarter and year to date of `year` (the fiscal
    /// year of the plans taking part) when given.
    static func build(book: PlanBook, inputs: ForecastInputs, activity: DealActivity, directory: RepDirectory,
                      checks: FinanceChecks, year: FiscalYear?) -> ForecastAccuracy {
        let runMonth = book.runMonth
        var rows: [YearMonth: [RepRow]] = [:]
        let first = year?.start ?? runMonth
        let members = MonthMembers(months: first...runMonth, book: book, inputs: inputs, activity: activity)
        for ordinal in first.ordinal...runMonth.ordinal {
            let month = YearMonth(ordinal: ordinal)
            rows[month] = repRows(month, members: members, inputs: inputs, directory: directory, checks: checks)
        }
        let reps = rows[runMonth] ?? []
        let teamCurrency = majority(reps.map(\.currency))
            ?? majority(book.participatingEntries.map { book.plan($0).currency })
            ?? book.plans.first?.currency ?? Currency(code: "USD")!
        // Each month converted once, in the order the spans first ask for it.
        var teamMonths: [YearMonth: TeamMonth] = [:]
        func span(_ label: String, from start: YearMonth) -> Span {
            ForecastAccuracy.span(label, months: start...runMonth) { month in
                if let known = teamMonths[month] { return known }
                let scores = TeamMonth(month, rows: rows[month] ?? [], currency: teamCurrency, directory: directory, checks: checks)
                teamMonths[month] = scores
                return scores
            }
        }
        let rates = Dictionary(Set(reps.map(\.currency)).compactMap { currency in
            checks.fx.rate(month: runMonth, from: currency, to: teamCurrency).map { (currency, $0) }
        }, uniquingKeysWith: { first, _ in first })
        var result = ForecastAccuracy(month: runMonth, reps: reps, teamCurrency: teamCurrency, teamRates: rates,
                                      team: span(runMonth.description, from: runMonth))
        if let year, let index = year.fiscalMonth(of: runMonth) {
            let fy = "FY" + String(year.start.year)
            let quarter = (index - 1) / 3 + 1
            result.quarterToDate = span("\(fy)-Q\(quarter) to date", from: year.calendarMonth(fiscalMonth: 3 * quarter - 2))
            result.yearToDate = span("\(fy) to date", from: year.start)
        }
        return result
    }

    /// The most frequent currency, ties to the first code in byte order.
    static func majority(_ currencies: [Currency]) -> Currency? {
        var counts: [Currency: Int] = [:]
        for currency in currencies { counts[currency, default: 0] += 1 }
        return counts.min { ($1.value, $0.key) < ($0.value, $1.key) }?.key
    }

    private static func location(of ref: PlanBook.EntryRef, in book: PlanBook) -> SourceLocation {
        SourceLocation.wholeFile(book.plan(ref).sourcePath)
    }

    /// forecast_accuracy.csv: a commit and a weighted row per rep, then TEAM commit and TEAM weighted;
    /// a value that needs a missing fx rate is a blank cell.
    public func csv() -> [UInt8] {
        var writer = CSVWriter(header: ["period", "rep_id", "method", "forecast", "actual", "error", "accuracy", "bias"])
        func write(_ id: String, _ method: Method, _ score: ForecastScore, _ money: Currency) {
            writer.row([month.description, id, method.rawValue, score.forecast.map(money.format) ?? "", score.actual.map(money.format) ?? "",
                        score.error.map(money.format) ?? "", score.accuracy?.formatted(decimals: 6) ?? "", score.bias?.formatted(decimals: 6) ?? ""])
        }
        for row in reps {
            for method in Method.allCases { write(row.rep, method, row.score(method), row.currency) }
        }
        for method in Method.allCases { write("TEAM", method, team.team(method).total, teamCurrency) }
        return writer.bytes
    }
}
