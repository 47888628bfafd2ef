#if canImport(Glibc)
import Glibc
#endif
import CPlatform

/// Where each column of deals.csv is in a record; a column the header lacks points just past the
/// record's fields (at one that stays empty).
struct DealColumns {
    static let required = ["deal_id", "close_date", "amount", "currency", "type", "reps"]

    let width: Int
    let id, closeDate, amount, currency, type, product, reps, status, cancelDate, createdDate: Int

    /// The columns of a deals.csv whose header `table` has read.
    init(_ table: CSVTable) {
        width = table.width
        func position(_ name: String) -> Int { table.column(name) ?? table.width }
        id = position("deal_id")
        closeDate = position("close_date")
        amount = position("amount")
        currency = position("currency")
        type = position("type")
        product = position("product")
        reps = position("reps")
        status = position("status")
        cancelDate = position("cancel_date")
        createdDate = position("created_date")
    }

    private init() {
        width = 0
        (id, closeDate, amount, currency, type, product, reps, status, cancelDate, createdDate) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// For a worker that is handed its deals one by one.
    static let none = DealColumns()
}
