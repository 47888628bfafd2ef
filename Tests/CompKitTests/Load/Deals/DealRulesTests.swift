import Testing
@testable import CompKit

/// §2.2 and §7: what a deals.csv row must hold, checked where it is read.
@Suite struct DealRulesTests {
    @Test func columnsInAnyOrderWithSplitsAndUnknownColumns() throws {
        let pass = try DealPass.read("""
            account,reps,amount,deal_id,currency,close_date,type,status,cancel_date
            "Acme, Inc.",R1:33.33;R2:33.33;R3:33.34,1000.01,D1,USD,2026-01-20,new,,
            x,R1,250.5,D2,USD,2026-01-21,renewal,cancelled,2026-01-21

            """)
        #expect(pass.problems == [])
        #expect(pass.creditedIDs == ["D1", "D2"])
        let d1 = pass.rows.filter { $0.dealID == "D1" }
        #expect(d1.map(\.repID) == ["R1", "R2", "R3"] && d1.map(\.percent) == [dec("33.33"), dec("33.33"), dec("33.34")])
        // 1000.01 × 33.33 % = 333.303333 → 333.30; × 33.34 % = 333.403334 → 333.40
        #expect(d1.map(\.credit) == [dec("333.30"), dec("333.30"), dec("333.40")] && d1.allSatisfy { $0.kind == .credit })
        // A single rep without percent gets 100; cancel_date = close_date is allowed: credit and chargeback.
        let d2 = pass.rows.filter { $0.dealID == "D2" }
        #expect(d2.map(\.kind) == [.credit, .chargeback] && d2.map(\.percent) == [dec("100"), dec("100")])
        #expect(d2.map(\.credit) == [dec("250.50"), dec("-250.50")])
        #expect(pass.outcome.won == 1 && pass.outcome.cancelled == 1)
    }

    @Test func eachBrokenRuleIsReportedAtItsField() throws {
        let pass = try DealPass.read("""
            deal_id,close_date,amount,currency,type,reps,status,cancel_date
            D1,2026-01-20,100,USD,new,R1:60;R2:39.99,,
            D2,2026-01-20, 100,USD,new,R1,,
            D3,2026-02-30,100,USD,new,R1,,
            D4,2026-01-20,100.1234567,USD,new,R1,,
            D5,2026-01-20,100,USD,new,R1,won,2026-01-25
            D6,2026-01-20,100,USD,new,R9,,
            D7,2026-01-20,100,ABC,new,R1;R2,,

            """)
        #expect(pass.rows.isEmpty)
        #expect(pass.problems == [
            "2:6 split percents add up to 99.99, not exactly 100",                                  // 60 + 39.99
            "3:3 amount ' 100' is not a plain decimal number (digits with an optional '.' and decimals)",  // not trimmed
            "4:2 close_date '2026-02-30' is not a date YYYY-MM-DD",
            "5:3 amount '100.1234567' has more than 6 decimal places",
            "6:8 a won deal has no cancel_date (set status to 'cancelled' or clear cancel_date)",
            "7:6 rep 'R9' is not a participant of any plan",
            "8:4 unknown currency 'ABC' (not an ISO 4217 code)",
            "8:6 rep 'R1' needs a percent: write splits like R001:60;R002:40",
            "8:6 rep 'R2' needs a percent: write splits like R001:60;R002:40",
        ])
    }

    /// The first rep of a row is looked up ahead of time; when it is not a valid id, the next rep
    /// is looked up on its own (and is a participant).
    @Test func aBrokenFirstRepLeavesTheNextOneItsOwn() throws {
        let pass = try DealPass.read("""
            deal_id,close_date,amount,currency,type,reps
            D1,2026-01-20,100,USD,new,R1 x:50;R2:50
            D2,2026-01-20,100,USD,new,R1
            D3,2026-01-20,100,USD,new,R2
            D4,2026-01-20,100,USD,new,R3

            """, threads: 1)
        #expect(pass.problems == ["2:6 rep id 'R1 x' must not contain spaces"])
        #expect(pass.creditedIDs == ["D2", "D3", "D4"])
    }
}
