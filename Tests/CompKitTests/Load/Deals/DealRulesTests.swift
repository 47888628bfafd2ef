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

    /// An amount up to 18 bytes long is read without overflow checks; what it reads, and what it
    /// refuses, is what the parser says (values worked out by hand).
    @Test func shortAmountsAreReadAsTheParserReadsThem() {
        func read(_ text: String) -> ExactDecimal? {
            Array(text.utf8).withUnsafeBufferPointer { DealRules.amount($0) }
        }
        func parsed(_ text: String) -> ExactDecimal? {
            guard case .success(let value) = Array(text.utf8).withUnsafeBufferPointer({
                ExactDecimal.parse($0, maxDecimals: 6, maxIntegerDigits: DealRules.maxAmountIntegerDigits)
            }) else { return nil }
            return value
        }
        let expected: [(String, (Int128, Int))] = [("1087.00", (108_700, 2)), ("1185825000", (1_185_825_000, 0)), ("0.000001", (1, 6)),
                    ("123456789012345", (123_456_789_012_345, 0)), ("123456789012345.12", (12_345_678_901_234_512, 2)),
                    ("0000000000000001", (1, 0)), ("999999999999999.999999", (999_999_999_999_999_999_999, 6))]
        for (text, (mantissa, scale)) in expected {
            let value = ExactDecimal(mantissa: mantissa, scale: scale)
            #expect(read(text) == value && read(text)?.scale == scale && parsed(text) == value, "\(text)")
        }
        // Refused alike: empty, a sign, a point first or last, two points, seven decimals, 16 integer digits, letters.
        for text in ["", "-5", ".5", "5.", "1.2.3", "1.1234567", "1234567890123456", "1e5", "12 3", "0000000000000000012"] {
            #expect(read(text) == nil && parsed(text) == nil, "\(text)")
        }
    }

    /// Dates are read as one word and one half-word: each is read as `CalendarDate(parsing:)` reads
    /// it, with a wrong byte at every position, months and days just outside, leap days, and years
    /// outside the table of month starts (1900–2199).
    @Test func datesAreReadAsCalendarDatesAre() {
        var texts = ["2026-01-20", "2024-02-29", "2026-02-29", "2100-02-29", "2000-02-29", "2026-00-10", "2026-13-10",
                     "2026-04-31", "2026-04-30", "2026-12-00", "2026-12-32", "1900-01-01", "1899-12-31", "2199-12-31",
                     "2200-01-01", "9999-12-31", "0001-01-01", "2026-1-20", "2026-01-200", "2026/01/20", ""]
        for position in 0..<10 {
            for byte: UInt8 in [0x2F, 0x3A, 0x2D, 0x20, 0xB0] {
                var bytes = Array("2026-07-15".utf8)
                bytes[position] = byte
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for text in texts {
            let read = Array(text.utf8).withUnsafeBufferPointer { DealRules.date($0) }
            let expected = CalendarDate(parsing: text).map { (Int32($0.dayNumber), $0.yearMonth.ordinal) }
            #expect(read?.day == expected?.0 && read?.month == expected?.1, "\(text)")
        }
        // 2026-01-20 is day 20 of January 2026: 31 days after 2025-12-20.
        let january20 = Array("2026-01-20".utf8).withUnsafeBufferPointer { DealRules.date($0) }
        let december20 = Array("2025-12-20".utf8).withUnsafeBufferPointer { DealRules.date($0) }
        #expect(january20.map { $0.day - (december20?.day ?? 0) } == 31 && january20?.month == 2026 * 12)
    }

    /// Tokens are looked at eight bytes a time: a space, a control byte or a byte of 0x80 or more
    /// is found at every position of tokens of 1 to 24 bytes, and `!` and DEL (0x21, 0x7F) are allowed.
    @Test func tokensAreCheckedAtEveryByte() {
        func isToken(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { DealRules.isASCIIToken($0) } }
        for length in 1...24 {
            let plain = [UInt8](repeating: UInt8(ascii: "x"), count: length)
            #expect(isToken(plain), "\(length) bytes")
            for position in 0..<length {
                for (byte, allowed) in [(UInt8(0x00), false), (0x09, false), (0x20, false), (0x21, true), (0x7F, true),
                                        (0x80, false), (0xFF, false)] {
                    var token = plain
                    token[position] = byte
                    #expect(isToken(token) == allowed, "\(length) bytes, \(byte) at \(position)")
                }
            }
        }
        #expect(!isToken([]) && !isToken([UInt8](repeating: UInt8(ascii: "x"), count: DealRules.maxTokenBytes + 1)))
        #expect(isToken([UInt8](repeating: UInt8(ascii: "x"), count: DealRules.maxTokenBytes)))
    }
}
