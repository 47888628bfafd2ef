/// Words a statement: what a rep reads to check their pay, section by section — each component's
/// tier math and the month's credits behind its commission, bonuses, SPIFFs, draw, base salary,
/// and the pay, whose total is what payroll pays. Each credit is listed once, under its component
/// (credits matching none on their own).
public enum StatementLayout {
    typealias Column = StatementDocument.Table.Column
    typealias Text = StatementDocument.Text

    public static func document(_ statement: Statement) -> StatementDocument {
        var document = StatementDocument(title: title(of: statement))
        layOut(statement, into: &document)
        return document
    }

    static func title(of statement: Statement) -> String {
        "Pay statement \(statement.period): \(statement.name) (\(statement.participantID))"
    }

    /// Writes the statement's blocks, after its title, into `document`.
    static func layOut(_ statement: Statement, into document: inout some StatementSink & ~Copyable) {
        if statement.entries.isEmpty {
            document.paragraph("No plan entry of \(statement.participantID) is active in \(statement.period).")
        }
        // Parts passed straight from their lists, not copied into a name first (as with credit rows).
        for index in statement.entries.indices {
            entry(statement.entries[index], period: statement.period, into: &document)
        }
        pay(statement, into: &document)
    }

    // MARK: - Entry

    private static func entry(_ part: Statement.EntryPart, period: YearMonth, into document: inout some StatementSink & ~Copyable) {
        let money = part.currency
        let dates: Text = part.end.map { "from \(part.start) to \($0)" } ?? "from \(part.start)"
        document.heading("Plan \(part.planID): \(part.planName)", level: 2)
        let unit = ExactDecimal(mantissa: 1, scale: money.minorUnits)
        document.paragraph("Paid in \(money.code) under this plan \(dates); \(period) is month \(part.fiscalMonth) of its fiscal year. "
                           + "Amounts are rounded half away from zero to \(unit) \(money.code) only where the plan says so; "
                           + "figures with more decimals are exact intermediate results.")
        unmatchedCredits(part, period: period, into: &document)
        for index in part.components.indices {
            component(part.components[index], currency: money, period: period, into: &document)
        }
        for index in part.spiffs.indices where !part.spiffs[index].total.isZero || !part.spiffs[index].lines.isEmpty {
            spiff(part.spiffs[index], currency: money, into: &document)
        }
        if let draw = part.draw { self.draw(draw, currency: money, into: &document) }
        if let base = part.base {
            document.heading("Base salary", level: 3)
            document.paragraph("Base salary \(base.annual, in: money) a year ÷ 12 × \(base.activeDays) active days ÷ "
                               + "\(base.daysInMonth) days in \(period) = \(base.amount, in: money).")
        }
    }

    /// The month's own credits whose deal matches no component of the plan: credited (credits.csv
    /// lists them) but paying no commission. Every other credit is listed under its component.
    private static func unmatchedCredits(_ part: Statement.EntryPart, period: YearMonth,
                                         into document: inout some StatementSink & ~Copyable) {
        let unmatched = part.credits.indices.filter { part.credits[$0].component.isEmpty }
        guard !unmatched.isEmpty else { return }
        document.heading("Credits matching no component", level: 3)
        document.paragraph("These credits of \(period) match no component of the plan, so they pay no commission. "
                           + creditFormula)
        document.table([Column("date"), Column("deal"), Column("kind")] + dealColumns(part.currency)) { table in
            for position in unmatched { creditCells(part.credits, position, currency: part.currency, into: &table) }
        }
    }

    private static let creditFormula: Text = "credit = deal amount × fx rate × split share ÷ 100, rounded; a chargeback takes a "
        + "cancelled deal's credit back."

    /// A credit's deal amount, fx rate, split share and credit: how the credit was worked out.
    private static func dealColumns(_ money: Currency) -> [Column] {
        [Column("deal amount", .right), Column("fx rate", .right), Column("share", .right), Column("credit \(money.code)", .right)]
    }

    /// The credit at `position` of `rows`: its date, deal and kind, then the `dealColumns`. Read
    /// where it lies: a row bound to a name is copied, every string in it retained.
    private static func creditCells(_ rows: [CreditTotals.CreditRow], _ position: Int, currency money: Currency,
                                    into table: inout some TableCellWriter & ~Copyable) {
        table.cell(rows[position].creditDate)
        table.cell(rows[position].dealID)
        table.cell(kindText(rows[position].kind))
        table.append(rows[position].dealAmount, in: rows[position].dealCurrency)
        table.append(" ")
        table.cell(rows[position].dealCurrency.code)
        table.cell(rows[position].fxRate, decimals: 6)
        table.append(rows[position].percent, decimals: 2)
        table.cell(" %")
        table.cell(rows[position].credit, in: money)
    }

    // MARK: - Component

    private static func component(_ part: Statement.ComponentPart, currency money: Currency, period: YearMonth,
                                  into document: inout some StatementSink & ~Copyable) {
        let measure = part.measure
        let breakdown = part.breakdown
        let component = part.component
        document.heading("Component \(component.id), \(measure.quotaPeriodLabel) (\(part.quotaPeriodDates.first) to \(part.quotaPeriodDates.last))", level: 3)
        let source = component.creditFrom == .team ? "roll-up copies of the team's credits" : "own credits"
        let attainment: Text = measure.attainment.map { "\($0, decimals: 6) (\(percent: $0))" } ?? "not measured (quota 0)"
        document.paragraph("Credited from \(source)\(filterText(component.filter)). "
                           + "Quota \(measure.quota, in: money); credited to date \(measure.creditedToDate, in: money); "
                           + "attainment \(attainment).")
        document.paragraph(methodText(breakdown, currency: money))
        tierTable(breakdown, currency: money, into: &document)
        var earned: Text = "Earned to date: \(exact: breakdown.uncapped, minDecimals: money.minorUnits)"
        if let cap = breakdown.cap {
            earned += breakdown.uncapped > cap
                ? ", above the cap of \(cap, in: money), so \(exact: cap, minDecimals: money.minorUnits)"
                : " (cap \(cap, in: money) not reached)"
        }
        document.paragraph(earned + ", rounded: \(measure.earnedToDate, in: money).")
        if let before = part.monthBefore {
            document.paragraph("Earned to the end of \(before), on \(part.attribution.openingCredit, in: money) credited: "
                               + "\(measure.earnedPrior, in: money). Commission this month: \(measure.earnedToDate, in: money) − "
                               + "\(measure.earnedPrior, in: money) = \(part.attribution.commission, in: money).")
        } else {
            document.paragraph("\(period) opens \(measure.quotaPeriodLabel), so nothing was earned before: "
                               + "commission this month \(part.attribution.commission, in: money).")
        }
        attribution(part.attribution, fromTeam: component.creditFrom == .team, breakdown: breakdown, currency: money, period: period, into: &document)
        for bonus in part.bonuses {
            document.paragraph(bonusText(bonus, currency: money, measure: measure, monthBefore: part.monthBefore))
        }
        if let holdback = part.holdback { self.holdback(holdback, currency: money, into: &document) }
    }

    private static func holdback(_ part: Statement.HoldbackPart, currency money: Currency,
                                 into document: inout some StatementSink & ~Copyable) {
        let until = part.holdback.release == .year ? "the end of the fiscal year" : "the end of the quota period"
        document.paragraph("Holdback: \(part.holdback.percent, decimals: 2) % of each month's commission is held "
                           + "(rounded per month; a negative commission gives some back) and paid at \(until), on "
                           + "\(part.releaseDay), to a person who still has a plan entry that day; otherwise it is forfeited.")
        document.table([Column("month"), Column("commission", .right), Column("held", .right)]) { table in
            for month in part.months {
                table.cell(month.month.description)
                table.cell(month.commission, in: money)
                table.cell(month.held, in: money)
            }
            table.startFooter()
            table.cell("held to date")
            table.cell("")
            table.cell(part.heldInWindow, in: money)
        }
        switch part.isReleased {
        case nil:
            document.paragraph("Paid this month: \(-part.held, in: money) (HOLDBACK). The \(part.heldInWindow, in: money) "
                               + "held to date is released on \(part.releaseDay).")
        case true?:
            document.paragraph("Paid this month: \(-part.held, in: money) (HOLDBACK), and the \(part.heldInWindow, in: money) "
                               + "held is released (HOLDBACK_RELEASE).")
        case false?:
            document.paragraph("Paid this month: \(-part.held, in: money) (HOLDBACK). No plan entry is active on \(part.releaseDay): "
                               + "the \(part.heldInWindow, in: money) held is forfeited.")
        }
    }

    private static func methodText(_ breakdown: TierBreakdown, currency money: Currency) -> Text {
        let basis: Text = breakdown.basis == .attainment
            ? "tiers start at a fraction of the quota (\(breakdown.quota, in: money))" : "tiers start at credited amounts"
        switch breakdown.method {
        case .graduated:
            return "Graduated rate table, \(basis): each tier's rate pays only the credit inside the tier."
        case .retroactive:
            let reached: Text = breakdown.reachedTier.map { tier in
                "tier \(tier) is the highest reached, so \(percent: breakdown.bands[tier - 1].rate) pays all "
                    + "\(breakdown.credited, in: money) credited"
            } ?? "no tier is reached while the credit is not above 0"
            return "Retroactive rate table, \(basis): the rate of the highest tier reached pays all credit; \(reached)."
        }
    }

    private static func tierTable(_ breakdown: TierBreakdown, currency money: Currency,
                                  into document: inout some StatementSink & ~Copyable) {
        let retroactive = breakdown.method == .retroactive
        var columns = [Column("tier", .right), Column("from", .right), Column("band \(money.code)"),
                       Column("credit in band", .right), Column("rate", .right)]
        if retroactive { columns.append(Column("rate paid", .right)) }
        columns.append(Column("earned", .right))
        document.table(columns) { table in
            for band in breakdown.bands {
                table.cell(band.tier)
                if breakdown.basis == .attainment {
                    table.append(band.from, decimals: band.from.scale)
                    table.cell(" × quota")
                } else {
                    table.cell(band.from, in: money)
                }
                table.append(band.lower, in: money)
                if let upper = band.upper {
                    table.append(" to ")
                    table.cell(upper, in: money)
                } else {
                    table.cell(" and above")
                }
                table.cell(band.creditInside, in: money)
                table.cell(percent: band.rate)
                if retroactive { table.cell(percent: band.ratePaid) }
                table.cell(exact: band.earned, minDecimals: money.minorUnits)
            }
            table.startFooter()
            table.emptyCells(2)
            table.cell("total")
            table.cell(breakdown.bands.reduce(ExactDecimal.zero) { $0 + $1.creditInside }, in: money)
            table.cell("")
            if retroactive { table.cell("") }
            table.cell(exact: breakdown.uncapped, minDecimals: money.minorUnits)
        }
    }

    /// The month's credits of the component, each with how it was credited and what it added to
    /// the commission: every deal credited and its tier math in one table.
    private static func attribution(_ attribution: DealAttribution, fromTeam: Bool, breakdown: TierBreakdown, currency money: Currency,
                                     period: YearMonth, into document: inout some StatementSink & ~Copyable) {
        guard !attribution.lines.isEmpty else {
            document.paragraph("No credits in \(period).")
            return
        }
        let added: Text = fromTeam
            ? "The roll-ups of \(period) behind this month's commission, added per team member in id order: the copies of the "
                + "credits and chargebacks of everyone below them, converted into this plan's currency (credits.csv lists them deal by deal). "
            : "The credits of \(period) behind this month's commission, added in order of credit date, then deal id: " + creditFormula + " "
        document.paragraph(added + "Each is attributed what it added to the exact earnings, rounded; the rounding residual makes up the difference.")
        document.table([Column("date"), Column("deal"), Column("kind")] + dealColumns(money)
                       + [Column("credited to date", .right), Column("tier", .right), Column("earned to date", .right),
                          Column("commission", .right), Column("note")]) { table in
            table.emptyCells(1)
            table.cell("before \(period)")
            table.emptyCells(5)
            table.cell(attribution.openingCredit, in: money)
            if let tier = attribution.openingTier { table.cell(tier) } else { table.cell("-") }
            table.cell(exact: attribution.openingEarned, minDecimals: money.minorUnits)
            table.emptyCells(2)
            for (position, line) in attribution.lines.enumerated() {
                if position < attribution.rows.count {
                    creditCells(attribution.rows, position, currency: money, into: &table)
                } else {
                    let sum = attribution.rollUps[position - attribution.rows.count]
                    table.cell("")
                    table.append("team member ")
                    table.cell(sum.memberID)
                    table.append("roll-up × ")
                    table.cell(sum.copies)
                    table.emptyCells(3)
                    table.cell(sum.credit, in: money)
                }
                table.cell(line.creditedToDate, in: money)
                if let tier = line.tier { table.cell(tier) } else { table.cell("-") }
                table.cell(exact: line.earnedToDate, minDecimals: money.minorUnits)
                table.cell(line.commission, in: money)
                // No credit (C ≤ 0) reads as tier 1 here: reaching tier 1 is not worth a note.
                let (from, to) = (line.tierBefore ?? 1, line.tier ?? 1)
                if to > from {
                    let band = breakdown.bands[to - 1]
                    let note: Text = "crosses into tier \(to) (from \(band.lower, in: money), \(percent: band.rate))"
                    table.cell(note)
                } else if to < from {
                    table.cell("drops back to tier \(to)")
                } else {
                    table.cell("")
                }
            }
            table.startFooter()
            table.labelledRow("rounding residual", [(10, attribution.residual)], in: money)
            table.labelledRow("total", [(6, attribution.credited), (10, attribution.commission)], in: money)
        }
    }

    private static func bonusText(_ bonus: Statement.BonusPart, currency money: Currency, measure: ComponentMeasure,
                                  monthBefore: YearMonth?) -> Text {
        let rule: Text = "Bonus \(bonus.bonus.id): \(bonus.bonus.amount, in: money) once attainment reaches \(bonus.bonus.atLeast) "
        guard measure.quota > .zero else { return rule + "of quota; with no quota it is not earned: paid 0.00." }
        let now = bonus.reached ? "reached" : "not reached"
        let before: Text = monthBefore.map { " (at the end of \($0): \(bonus.reachedBefore ? "reached" : "not reached"))" } ?? ""
        return rule + "(credit ≥ \(exact: bonus.threshold, minDecimals: money.minorUnits)): \(now)\(before); paid this month "
            + "\(bonus.paid, in: money)."
    }

    // MARK: - SPIFF, draw

    private static func spiff(_ spiff: Statement.SpiffPart, currency money: Currency, into document: inout some StatementSink & ~Copyable) {
        document.heading("SPIFF \(spiff.spiff.id)", level: 3)
        let rule: Text
        switch spiff.spiff.payout {
        case .perDeal(let amount): rule = "\(amount, in: money) per deal × split share"
        case .rate(let rate): rule = "\(percent: rate) of the credit"
        }
        document.paragraph("Pays \(rule) on own credits\(filterText(spiff.spiff.filter)), rounded per credit; a chargeback reverses it.")
        document.table([Column("date"), Column("deal"), Column("kind"), Column("share", .right), Column("credit", .right),
                        Column("SPIFF", .right)]) { table in
            // By position: a line bound to a name is a copy of its row.
            for line in spiff.lines.indices {
                table.cell(spiff.lines[line].row.creditDate)
                table.cell(spiff.lines[line].row.dealID)
                table.cell(kindText(spiff.lines[line].row.kind))
                table.append(spiff.lines[line].row.percent, decimals: 2)
                table.cell(" %")
                table.cell(spiff.lines[line].row.credit, in: money)
                table.cell(spiff.lines[line].amount, in: money)
            }
            table.startFooter()
            if !spiff.unitemised.isZero { table.labelledRow("other credits", [(5, spiff.unitemised)], in: money) }
            table.labelledRow("total", [(5, spiff.total)], in: money)
        }
    }

    private static func draw(_ draw: Statement.DrawPart, currency money: Currency, into document: inout some StatementSink & ~Copyable) {
        let month = draw.month
        let kind = draw.draw.kind == .recoverable ? "Recoverable" : "Non-recoverable"
        document.heading("Draw", level: 3)
        var text: Text = "\(kind) draw of \(draw.draw.monthly, in: money) a month for the first \(draw.draw.months) active months; "
            + "this is active month \(draw.activeMonth), so the guarantee is \(month.guarantee, in: money). "
            + "Commission this month, all components: \(month.commission, in: money). "
            + "Top-up: max(0, \(month.guarantee, in: money) − \(month.commission, in: money)) = \(month.topUp, in: money)."
        if draw.draw.kind == .recoverable {
            text += " Recovery: min(balance \(draw.balanceBefore, in: money), max(0, \(month.commission, in: money) − "
                + "\(month.guarantee, in: money))) = \(month.recovery, in: money). Balance still to recover: "
                + "\(draw.balanceBefore, in: money) + \(month.topUp, in: money) − \(month.recovery, in: money) = \(month.balance, in: money)."
        }
        document.paragraph(text)
    }

    // MARK: - Pay

    private static func pay(_ statement: Statement, into document: inout some StatementSink & ~Copyable) {
        document.heading("Pay this month", level: 2)
        guard !statement.pay.isEmpty else {
            document.paragraph("Nothing is paid to \(statement.participantID) for \(statement.period).")
            return
        }
        let ledger = statement.usesLedger
        var columns = [Column("pay type"), Column("component"), Column("currency")]
        if ledger { columns += [Column("this month", .right), Column("prior adjustment", .right)] }
        columns.append(Column("amount", .right))
        let totals = statement.totals
        document.table(columns) { table in
            for item in statement.pay {
                let money = item.key.currency
                table.cell(item.key.payType.label)
                table.cell(item.key.component)
                table.cell(money.code)
                if ledger {
                    table.cell(item.computed, in: money)
                    table.cell(item.priorAdjustment, in: money)
                }
                table.cell(item.amount, in: money)
            }
            if !totals.isEmpty { table.startFooter() }
            for total in totals {
                table.cell("TOTAL")
                table.cell("")
                table.cell(total.currency.code)
                if ledger {
                    table.cell("")
                    table.cell("")
                }
                table.cell(total.amount, in: total.currency)
            }
        }
        document.paragraph("These are \(statement.participantID)'s rows of payroll.csv for \(statement.period); amount is what payroll pays"
                           + (ledger ? ": this month's pay plus the prior adjustment." : "."))
        for item in statement.pay where !item.priorAdjustment.isZero {
            let money = item.key.currency
            document.paragraph("Prior adjustment \(item.key.payType.label)\(item.key.component.isEmpty ? "" : " " + item.key.component): "
                               + "the fiscal year's earlier months now compute to \(item.computedBefore, in: money), closed periods paid "
                               + "\(item.paidBefore, in: money), so \(item.priorAdjustment, in: money) is settled this month.")
        }
    }

    // MARK: - Words

    static func kindText(_ kind: CreditTotals.CreditRow.Kind) -> String {
        switch kind {
        case .credit: return "credit"
        case .chargeback: return "chargeback"
        case .payment: return "payment"
        case .rollup: return "roll-up"
        }
    }

    static func filterText(_ filter: DealFilter) -> Text {
        var parts: [String] = []
        if let types = filter.types { parts.append("type " + types.sorted(by: byteOrder).joined(separator: " or ")) }
        if let products = filter.products { parts.append("product " + products.sorted(by: byteOrder).joined(separator: " or ")) }
        return parts.isEmpty ? "" : Text(" of deals with " + parts.joined(separator: " and "))
    }
}
