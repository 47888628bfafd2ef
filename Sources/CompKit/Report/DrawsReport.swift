/// draws.csv: the draw arithmetic of the run month for every entry with a draw that is active in
/// it, with the balance still to recover (comp's design; §3.9 leaves the place open).
public enum DrawsReport {
    public static func csv(book: PlanBook, schedule: PaySchedule) -> [UInt8] {
        let monthDates = DateRange(first: book.runMonth.firstDay, last: book.runMonth.lastDay)
        var rows: [(key: (String, String, CalendarDate), fields: [String])] = []
        for (ref, months) in schedule.draws {
            let plan = book.plan(ref)
            let entry = book.entry(ref)
            guard let rule = plan.draw, entry.activeRange.overlapDays(with: monthDates) > 0,
                  let month = plan.fiscalYear.fiscalMonth(of: book.runMonth) else { continue }
            let draw = months[month]
            let money = plan.currency
            rows.append(((entry.id, plan.id, entry.start), [
                book.runMonth.description, entry.id, plan.id, rule.kind.rawValue, money.format(draw.guarantee),
                money.format(draw.commission), money.format(draw.topUp), money.format(draw.recovery),
                money.format(draw.balance), money.code,
            ]))
        }
        rows.sort { a, b in
            if a.key.0 != b.key.0 { return byteOrder(a.key.0, b.key.0) }
            if a.key.1 != b.key.1 { return byteOrder(a.key.1, b.key.1) }
            return a.key.2 < b.key.2
        }
        var writer = CSVWriter(header: ["period", "employee_id", "plan_id", "kind", "guarantee", "commission", "topup",
                                        "recovery", "balance", "currency"])
        for row in rows { writer.row(row.fields) }
        return writer.bytes
    }
}
