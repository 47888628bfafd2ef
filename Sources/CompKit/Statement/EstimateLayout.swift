/// Words an estimate: the deals added, each component's credit, attainment and tier actually and
/// with the deals (and the tiers crossed), and the month's pay side by side.
public enum EstimateLayout {
    typealias Table = StatementDocument.Table
    typealias Column = StatementDocument.Table.Column

    public static func document(_ estimate: Estimate) -> StatementDocument {
        var document = StatementDocument(title: "What-if \(estimate.period): \(estimate.name) (\(estimate.participantID))")
        deals(estimate, into: &document)
        components(estimate, into: &document)
        pay(estimate, into: &document)
        return document
    }

    private static func deals(_ estimate: Estimate, into document: inout StatementDocument) {
        document.heading("Deals added")
        document.paragraph("Each deal is credited as one more won deal of \(estimate.period), dated the last day of the month on which "
                           + "\(estimate.participantID) is paid under a plan, in that plan's currency, 100 % to \(estimate.participantID).")
        document.table(Table(
            columns: [Column("deal"), Column("date"), Column("amount", .right), Column("type"), Column("product"), Column("credited to")],
            rows: estimate.added.map { added in
                let deal = added.deal
                let components = added.rows.map { $0.component.isEmpty ? "no component (pays no commission)" : $0.component }
                return [deal.id, deal.closeDate.description, deal.currency.format(deal.amount) + " " + deal.currency.code, deal.type,
                        deal.product, components.isEmpty ? "nothing (no plan entry counts it)" : components.joined(separator: ", ")]
            }))
    }

    private static func components(_ estimate: Estimate, into document: inout StatementDocument) {
        guard !estimate.components.isEmpty else { return }
        document.heading("Components")
        func tier(_ part: Statement.ComponentPart) -> String { part.breakdown.reachedTier.map(String.init) ?? "-" }
        func attainment(_ part: Statement.ComponentPart) -> String { part.measure.attainment?.formatted(decimals: 6) ?? "" }
        func pair(_ actual: String, _ whatIf: String) -> String { actual == whatIf ? actual : actual + " → " + whatIf }
        document.paragraph("Each figure reads actual → with the deals.")
        document.table(Table(
            columns: [Column("plan"), Column("component"), Column("quota period"), Column("credited to date", .right),
                      Column("attainment", .right), Column("tier", .right), Column("commission", .right)],
            rows: estimate.components.map { change in
                let money = change.currency
                let (old, new) = (change.actual, change.whatIf)
                return [change.planID, new.component.id, new.measure.quotaPeriodLabel,
                        pair(money.format(old.measure.creditedToDate), money.format(new.measure.creditedToDate)),
                        pair(attainment(old), attainment(new)), pair(tier(old), tier(new)),
                        pair(money.format(old.attribution.commission), money.format(new.attribution.commission))]
            }))
        for change in estimate.components {
            let money = change.currency
            for band in change.crossed {
                document.paragraph("\(change.whatIf.component.id): the deals cross into tier \(band.tier), from "
                                   + "\(band.lower, in: money), paid at \(percent: band.rate).")
            }
            for (old, new) in zip(change.actual.bonuses, change.whatIf.bonuses) where old.reached != new.reached {
                document.paragraph("\(change.whatIf.component.id): bonus \(new.bonus.id) (\(new.bonus.amount, in: money)) is "
                                   + (new.reached ? "reached" : "no longer reached") + " with the deals.")
            }
        }
    }

    private static func pay(_ estimate: Estimate, into document: inout StatementDocument) {
        document.heading("Pay this month")
        document.table(Table(
            columns: [Column("pay type"), Column("component"), Column("currency"), Column("actual", .right),
                      Column("with deals", .right), Column("change", .right)],
            rows: estimate.pay.map { row in
                let money = row.key.currency
                return [row.key.payType.label, row.key.component, money.code, money.format(row.actual), money.format(row.whatIf),
                        signed(row.change, money)]
            },
            footer: estimate.totals.map { total in
                ["TOTAL", "", total.currency.code, total.currency.format(total.actual), total.currency.format(total.whatIf),
                 signed(total.whatIf - total.actual, total.currency)]
            }))
        document.paragraph("Amounts are what payroll would pay for \(estimate.period)"
                           + (estimate.usesLedger ? ", prior-period adjustments included." : "."))
    }

    private static func signed(_ amount: ExactDecimal, _ currency: Currency) -> String {
        amount > .zero ? "+" + currency.format(amount) : currency.format(amount)
    }
}
