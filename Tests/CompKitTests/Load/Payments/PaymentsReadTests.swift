import Testing
@testable import CompKit

@Suite struct PaymentsReadTests {
    /// 120 000 payments on 60 000 deals, each deal paid twice and the second payments in the
    /// reverse order: deals are numbered in the order they are first named (deal k of the first
    /// half is number k), and every row keeps its own deal and amount, while the table grows from
    /// 16 slots to 131 072.
    @Test func dealsAreNumberedInTheOrderTheyAreFirstNamed() throws {
        let deals = 60_000
        var csv = "deal_id,paid_date,amount\n"
        for k in 0..<deals { csv += "D\(k),2026-03-01,\(k + 1).50\n" }
        for k in (0..<deals).reversed() { csv += "D\(k),2026-04-01,-\(k + 1)\n" }
        let payments = try withTemporaryFolder { folder in
            try Payments.read(path: write(csv, to: "payments.csv", in: folder), log: DiagnosticLog())
        }
        #expect(payments.count == 2 * deals)
        #expect(payments.deals.count == deals)
        let misnumbered = payments.rows.enumerated().first { row, payment in
            let k = row < deals ? row : 2 * deals - 1 - row
            return payment.deal != Int32(k) || payments.deals.key(payment.deal) != "D\(k)"
                || payments.amount(of: payment) != (row < deals ? dec("\(k + 1).50") : dec("-\(k + 1)"))
        }
        #expect(misnumbered == nil, "row \(misnumbered?.offset ?? -1)")
        #expect(payments.rows[2].line == 4)
    }
}
