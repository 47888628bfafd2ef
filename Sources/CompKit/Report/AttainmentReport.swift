/// attainment.csv (SPEC 5 and 7): for every entry active at least one day in the run month and
/// every component of its plan, the quota period's quota, credit to date, attainment and earnings.
public enum AttainmentReport {
    /// The rows in attainment.csv's order: rep id (bytes), plan id, component id, entry start. Taken
    /// person by person in byte order, so only each person's few rows are sorted.
    public static func measures(book: PlanBook, measurer: Measurer) -> [ComponentMeasure] {
        let monthDates = book.runMonth.dates
        var result: [ComponentMeasure] = []
        // Room for every entry of the plans taking part, so the array never moves.
        result.reserveCapacity(book.plans.indices.filter { book.participates[$0] }.reduce(0) {
            $0 + book.plans[$1].participants.count * book.plans[$1].components.count
        })
        for refs in book.entriesOfPerson {
            var rows: [ComponentMeasure] = []
            for ref in refs where book.participates[ref.plan] && book.entry(ref).activeRange.overlapDays(with: monthDates) > 0 {
                let plan = book.plan(ref)
                guard let month = plan.fiscalYear.fiscalMonth(of: book.runMonth) else { continue }
                for index in plan.components.indices {
                    rows.append(measurer.measure(ref, component: index, fiscalMonth: month))
                }
            }
            result += rows.count < 2 ? rows : rows.sorted { a, b in
                let (planA, planB) = (book.plan(a.entry), book.plan(b.entry))
                if planA.id != planB.id { return byteOrder(planA.id, planB.id) }
                let (componentA, componentB) = (planA.components[a.component].id, planB.components[b.component].id)
                if componentA != componentB { return byteOrder(componentA, componentB) }
                return book.entry(a.entry).start < book.entry(b.entry).start
            }
        }
        return result
    }

    public static func csv(_ measures: [ComponentMeasure], book: PlanBook) -> [UInt8] {
        var writer = CSVWriter(header: ["period", "rep_id", "plan_id", "component", "quota_period", "quota",
                                        "credited_to_date", "attainment", "earned_to_date", "earned_prior", "commission"])
        for measure in measures {
            let plan = book.plan(measure.entry)
            let money = plan.currency
            writer.row([book.runMonth.description, book.entry(measure.entry).id, plan.id, plan.components[measure.component].id,
                        measure.quotaPeriodLabel, money.format(measure.quota), money.format(measure.creditedToDate),
                        measure.attainment.map { $0.formatted(decimals: 6) } ?? "",
                        money.format(measure.earnedToDate), money.format(measure.earnedPrior), money.format(measure.commission)])
        }
        return writer.bytes
    }
}
