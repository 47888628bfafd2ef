import Testing
@testable import CompKit

@Suite struct DrawsReportTests {
    @Test func februaryOfTheAccountExecutive() {
        let february = AccountExecutive.run("2026-02")
        // R1: commission 7200 ≥ G 2000, no topup; recovers min(800, 7200 − 2000) = 800 of January's 800.
        // R2: no commission; topup 2000 on top of January's 2000: balance 4000.
        #expect(String(decoding: DrawsReport.csv(book: february.book, schedule: february.schedule), as: UTF8.self) == """
            period,employee_id,plan_id,kind,guarantee,commission,topup,recovery,balance,currency
            2026-02,R1,AE-2026,recoverable,2000.00,7200.00,0.00,800.00,0.00,USD
            2026-02,R2,AE-2026,recoverable,2000.00,0.00,2000.00,0.00,4000.00,USD

            """)
    }
}
