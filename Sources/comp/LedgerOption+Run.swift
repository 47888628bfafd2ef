import CompKit

extension LedgerOption {
    /// The ledger a run reads prior payments from: the one named by `--ledger` (which must exist),
    /// or the default one when something has been closed there; nil otherwise.
    func ledgerForRun() throws -> PaymentLedger? {
        ledger == nil ? try PaymentLedger.openIfPresent(path: path) : try PaymentLedger.open(path: path, create: false)
    }
}
