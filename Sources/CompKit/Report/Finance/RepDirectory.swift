/// The people of a run's plans, for the finance reports: which entry speaks for a person in a
/// month, and so in which currency their forecasts, actuals and variances are told.
struct RepDirectory {
    let book: PlanBook

    init(book: PlanBook) { self.book = book }

    /// The latest-starting entry active at least one day in the month (§7); for a person with
    /// none (a forecast before the start date), their latest-starting entry.
    func entry(of id: String, in month: YearMonth) -> PlanBook.EntryRef? {
        book.person(id).flatMap { entry(person: $0, in: month) }
    }

    /// `entry(of:in:)` for a person by position in `book.people`.
    func entry(person: Int, in month: YearMonth) -> PlanBook.EntryRef? {
        let refs = book.entriesOfPerson[person]
        let days = month.dates
        return refs.last { book.plans[$0.plan].participants[$0.entry].activeRange.overlapDays(with: days) > 0 } ?? refs.last
    }
}
