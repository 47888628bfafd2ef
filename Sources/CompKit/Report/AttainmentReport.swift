/// attainment.csv (§5 and §7): for every entry active at least one day in the run month and
/// every component of its plan, the quota period's quota, credit to date, attainment and earnings.
public enum AttainmentReport {
    /// The file's bytes for `measures`, rows in the order given (`rows(_:book:)`).
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

    /// The file's rows in its order (§5, §7) from a run's `PaySchedule.runMonthMeasures` (person
    /// by person in byte order of their ids): a person's rows by plan id, then component id
    /// (bytes), then entry start. The finance summary lists them in the same order.
    public static func rows(_ measures: [ComponentMeasure], book: PlanBook) -> [ComponentMeasure] {
        func precedes(_ a: ComponentMeasure, _ b: ComponentMeasure) -> Bool {
            let (planA, planB) = (book.plan(a.entry), book.plan(b.entry))
            if planA.id != planB.id { return byteOrder(planA.id, planB.id) }
            let (componentA, componentB) = (planA.components[a.component].id, planB.components[b.component].id)
            if componentA != componentB { return byteOrder(componentA, componentB) }
            return book.entry(a.entry).start < book.entry(b.entry).start
        }
        var ordered: [ComponentMeasure] = []
        ordered.reserveCapacity(measures.count)
        var start = measures.startIndex
        while start < measures.endIndex {
            let id = book.entry(measures[start].entry).id
            var end = start + 1
            while end < measures.endIndex && book.entry(measures[end].entry).id == id { end += 1 }
            let person = measures[start..<end]
            if person.count < 2 { ordered += person } else { ordered += person.sorted(by: precedes) }
            start = end
        }
        return ordered
    }
}
