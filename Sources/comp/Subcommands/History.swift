import ArgumentParser
import CompKit

/// `comp history`: the closed periods of a ledger, with their totals and checksums.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the periods closed in the ledger.")

    @OptionGroup var ledger: LedgerOption

    func run() throws {
        do {
            guard let paymentLedger = try PaymentLedger.openIfPresent(path: ledger.path) else {
                throw CompError.ledger(.missing(path: ledger.path))
            }
            let periods = try paymentLedger.closedPeriods()
            guard !periods.isEmpty else {
                print("No period is closed in \(ledger.path).")
                return
            }
            print("period   closed at (UTC)       payments  total paid            manifest sha256")
            for closed in periods {
                let totals = closed.totals.sorted { $0.key < $1.key }
                    .map { code, amount in "\(Currency(code: code).map { $0.format(amount) } ?? amount.description) \(code)" }
                    .joined(separator: ", ")
                print("\(closed.period)  \(closed.closedAt)  \(pad(String(closed.rowCount), 8))  \(pad(totals, 20))  \(closed.manifestSHA256)")
            }
        } catch let error as CompError {
            throw report(error)
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
