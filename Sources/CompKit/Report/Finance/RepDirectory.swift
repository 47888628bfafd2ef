/// The people of a run's plans by id, for the finance reports: which entry speaks for a person in a
/// month, and so in which currency their forecasts, actuals and variances are told.
struct RepDirectory {
    let book: PlanBook
    /// Per person, their entries by start date.
    private let entries: [String: [PlanBook.EntryRef]]

    init(book: PlanBook) {
        self.book = book
        var byID: [String: [PlanBook.EntryRef]] = [:]
        for (planIndex, plan) in book.plans.enumerated() {
            for (entryIndex, entry) in plan.participants.enumerated() {
                byID[entry.id, default: []].append(PlanBook.EntryRef(plan: planIndex, entry: entryIndex))
            }
        }
        entries = byID.mapValues { refs in refs.sorted { (book.entry($0).start, $0) < (book.entry($1).start, $1) } }
    }

    /// The latest-starting entry active at least one day in the month (SPEC 7); for a person with
    /// none (a forecast before the start date), their latest-starting entry.
    func entry(of id: String, in month: YearMonth) -> PlanBook.EntryRef? {
        guard let refs = entries[id] else { return nil }
        let days = DateRange(first: month.firstDay, last: month.lastDay)
        return refs.last { book.entry($0).activeRange.overlapDays(with: days) > 0 } ?? refs.last
    }

    func currency(of id: String, in month: YearMonth) -> Currency? {
        entry(of: id, in: month).map { book.plan($0).currency }
    }

    /// Everyone with an entry of a plan taking part in the run that is active in the run month.
    var activeInRunMonth: Set<String> {
        let days = DateRange(first: book.runMonth.firstDay, last: book.runMonth.lastDay)
        return Set(book.participatingEntries.filter { book.entry($0).activeRange.overlapDays(with: days) > 0 }.map { book.entry($0).id })
    }
}
