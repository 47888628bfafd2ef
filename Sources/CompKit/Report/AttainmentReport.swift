/// attainment.csv (§5 and §7): for every entry active at least one day in the run month and
/// every component of its plan, the quota period's quota, credit to date, attainment and earnings.
/// Its rows, in its order, are `PaySchedule.runMonthMeasures`.
public enum AttainmentReport {
    /// The file's bytes for `measures` (a run's `PaySchedule.runMonthMeasures`), in their order.
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
