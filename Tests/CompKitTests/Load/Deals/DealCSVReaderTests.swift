import Testing
@testable import CompKit

@Suite struct DealCSVReaderTests {
    /// Reads deals.csv text; returns the deals and the problems as `line:column message`.
    static func read(_ text: String, participants: Set<String> = ["R1", "R2", "R3"]) throws -> (deals: [Deal], problems: [String]) {
        try withTemporaryFolder { folder in
            let path = try write(text, to: "deals.csv", in: folder)
            let log = DiagnosticLog()
            var deals: [Deal] = []
            _ = try DealCSVReader.read(path: path, rules: DealRules(file: path, log: log, participantIDs: participants),
                                       ids: DealIDRegistry(), log: log) { deals.append($0) }
            return (deals, log.sorted.map { "\($0.location.line):\($0.location.column) \($0.message)" })
        }
    }

    @Test func columnsInAnyOrderWithSplitsAndUnknownColumns() throws {
        let (deals, problems) = try Self.read("""
            account,reps,amount,deal_id,currency,close_date,type,status,cancel_date
            "Acme, Inc.",R1:33.33;R2:33.33;R3:33.34,1000.01,D1,USD,2026-01-20,new,,
            x,R1,250.5,D2,EUR,2026-01-21,renewal,cancelled,2026-01-21

            """)
        #expect(problems == [])
        #expect(deals.map(\.id) == ["D1", "D2"])
        #expect(deals[0].splits == [Deal.Split(repID: "R1", percent: dec("33.33")), Deal.Split(repID: "R2", percent: dec("33.33")),
                                    Deal.Split(repID: "R3", percent: dec("33.34"))])
        #expect(deals[0].status == .won && deals[0].amount == dec("1000.01") && deals[0].product == "")
        #expect(deals[1].splits == [Deal.Split(repID: "R1", percent: dec("100"))])  // a single rep without percent: 100
        #expect(deals[1].status == .cancelled && deals[1].cancelDate == day("2026-01-21"))  // cancel_date = close_date is allowed
    }

    @Test func eachBrokenRuleIsReportedAtItsField() throws {
        let (deals, problems) = try Self.read("""
            deal_id,close_date,amount,currency,type,reps,status,cancel_date
            D1,2026-01-20,100,USD,new,R1:60;R2:39.99,,
            D2,2026-01-20, 100,USD,new,R1,,
            D3,2026-02-30,100,USD,new,R1,,
            D4,2026-01-20,100.1234567,USD,new,R1,,
            D5,2026-01-20,100,USD,new,R1,won,2026-01-25
            D6,2026-01-20,100,USD,new,R9,,
            D7,2026-01-20,100,ABC,new,R1;R2,,

            """)
        #expect(deals.isEmpty)
        #expect(problems == [
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
}
