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

    /// Each row's own problems, at their fields; a refund is negative, and amounts and dates are read
    /// as a deal's are (at most 6 decimals and 15 integer digits; a real day of a real month).
    @Test func eachRowIsCheckedAtItsFields() throws {
        let log = DiagnosticLog()
        let payments = try withTemporaryFolder { folder in
            try Payments.read(path: write("""
                deal_id,paid_date,amount
                D1,2026-03-01,-12.345678
                D2,2026-02-29,10
                D3,2026-03-01,0.00
                D4,2026-03-01,-0
                D5,2026-03-01,1.2345678
                ,2026-03-01,5
                D6,2026-03-01,--5
                D7,2026-3-01,1
                D8,2026-03-01,1234567890123456
                D9,2028-02-29,999999999999999.999999

                """, to: "payments.csv", in: folder), log: log)
        }
        #expect(log.sorted.map { "\($0.location.lineAndColumn) \($0.message)" } == [
            "3:2 paid_date '2026-02-29' is not a date YYYY-MM-DD",
            "4:3 amount must not be 0 (a refund is negative)",
            "5:3 amount must not be 0 (a refund is negative)",
            "6:3 amount '1.2345678' has more than 6 decimal places",
            "7:1 deal_id is empty",
            "8:3 amount '--5' is not a plain decimal number (digits with an optional '.' and decimals)",
            "9:2 paid_date '2026-3-01' is not a date YYYY-MM-DD",
            "10:3 amount '1234567890123456' is too large (at most 15 digits before the decimal point)",
        ])
        #expect(payments.rows.map { payments.amount(of: $0) } == [dec("-12.345678"), dec("999999999999999.999999")])
        // 2028-02-29 is day 21 243 after 1970-01-01: 58 years of 365 days, 14 leap days (1972 … 2024), then 31 + 28.
        let leapDay: Int32 = 58 * 365 + 14 + 59
        let firstOfMarch = Int32(CalendarDate(year: 2026, month: 3, day: 1)!.dayNumber)
        #expect(payments.rows.map(\.paidDay) == [firstOfMarch, leapDay])
    }
}
