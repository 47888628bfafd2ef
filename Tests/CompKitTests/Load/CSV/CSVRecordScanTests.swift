import CompGenerate
import Testing
@testable import CompKit

@Suite struct CSVRecordScanTests {
    /// Splits the record at the start of `text` into at most `capacity` fields.
    static func split(_ text: String, capacity: Int, mayHoldQuotes: Bool = true, stopsAtCapacity: Bool = false)
        -> (fields: [String], outcome: CSVRecordScan.Outcome) {
        let bytes = Array(text.utf8)
        let fields = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: capacity)
        defer { fields.deallocate() }
        // Unescaped fields point into the scratch: it must outlive the reading of the fields.
        let scratch = ByteScratch()
        return withExtendedLifetime(scratch) {
            bytes.withUnsafeBufferPointer { buffer in
                let outcome = CSVRecordScan.split(buffer, from: 0, atEnd: true, into: fields, capacity: capacity, scratch: scratch,
                                                  mayHoldQuotes: mayHoldQuotes, stopsAtCapacity: stopsAtCapacity)
                guard case .record(_, _, let count) = outcome else { return ([], outcome) }
                return ((0..<min(count, capacity)).map { String(decoding: fields[$0], as: UTF8.self) }, outcome)
            }
        }
    }

    /// Stopping at the fields asked for (the exact id check reads only the id column) finds the
    /// same fields and the same next record, and a last field loses its CR as it always does.
    @Test func stoppingAtCapacityFindsTheSameFields() {
        // 40 bytes before the CR LF, commas at 11, 22, 32 and 36: in the second, third and fifth words.
        let line = "DEAL-000001,2026-01-05,125000.00,USD,new\r\nNEXT\n"
        let all = Self.split(line, capacity: 5)
        #expect(all.fields == ["DEAL-000001", "2026-01-05", "125000.00", "USD", "new"])
        guard case .record(let next, let lineEnds, let count) = all.outcome else { Issue.record("not a record"); return }
        #expect((next, lineEnds, count) == (42, 1, 5))

        let first = Self.split(line, capacity: 1, mayHoldQuotes: false, stopsAtCapacity: true)
        #expect(first.fields == ["DEAL-000001"])
        guard case .record(let firstNext, let firstLineEnds, let firstCount) = first.outcome else { Issue.record("not a record"); return }
        #expect((firstNext, firstLineEnds, firstCount) == (42, 1, 1))

        #expect(Self.split(line, capacity: 4, stopsAtCapacity: true).fields == ["DEAL-000001", "2026-01-05", "125000.00", "USD"])
        #expect(Self.split(line, capacity: 5, mayHoldQuotes: false, stopsAtCapacity: true).fields == all.fields)
        #expect(Self.split("a,b,ID\r\n", capacity: 3, stopsAtCapacity: true).fields == ["a", "b", "ID"])
    }

    /// A line as a CRM export writes it (every field quoted, CR LF) is split field by field: a comma
    /// inside quotes is data, `""` and a missing field are empty, and the same line read by the whole
    /// rule (as the file's last line, with no line end) gives the same fields.
    @Test func aLineOfQuotedFieldsSplitsLikeTheWholeRuleReadsIt() {
        let line = #""D00000001","2026-01-05","1,250.00","USD",,"","R0000001:60;R0000002:40""#
        let expected = ["D00000001", "2026-01-05", "1,250.00", "USD", "", "", "R0000001:60;R0000002:40"]
        let quick = Self.split(line + "\r\n\"NEXT\"\n", capacity: 7)
        #expect(quick.fields == expected)
        guard case .record(let next, let lineEnds, let count) = quick.outcome else { Issue.record("not a record"); return }
        // 12 + 13 + 11 + 6 + 1 + 3 + 25 bytes of fields and commas, then CR LF.
        #expect((next, lineEnds, count) == (73, 1, 7))
        #expect(Self.split(line, capacity: 7).fields == expected)
        #expect(Self.split(line + "\n", capacity: 1, stopsAtCapacity: true).fields == ["D00000001"])

        // The next line's quotes, within the last word read, do not end this one's last field early.
        let short = Self.split("\"ab\",\"c\"\r\n\"X\",\"\"\n", capacity: 2)
        #expect(short.fields == ["ab", "c"])
        guard case .record(let shortNext, _, let shortCount) = short.outcome else { Issue.record("not a record"); return }
        #expect((shortNext, shortCount) == (10, 2))
        #expect(Self.split("\"a\",\r\n", capacity: 2).fields == ["a", ""])
    }

    /// On lines made at random of letters, commas, quotes and CRs, wherever the field-by-field path
    /// returns a record it is the one the whole rule reads: the same fields, end and line count.
    @Test func theFieldByFieldPathAgreesWithTheWholeRule() {
        var random = SplitMix64(seed: 13)
        let alphabet = Array("ab,\"\"\r".utf8)  // a quote twice as likely as each other byte
        var agreed = 0
        for _ in 0..<20_000 {
            let length = 1 + Int(random.next() % 24)
            let line = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            // The next line starts with a comma: a field not closed on this line must not run into it.
            let bytes = line + Array("\n,\"x\"\n".utf8)
            let capacity = 8
            let quick = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: capacity)
            let whole = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: capacity)
            defer { quick.deallocate(); whole.deallocate() }
            let scratch = ByteScratch()
            withExtendedLifetime(scratch) {
                bytes.withUnsafeBufferPointer { buffer in
                    guard let record = CSVRecordScan.simplyQuoted(buffer, from: 0, lineEnd: length, into: quick, capacity: capacity),
                          case .record(let next, let lineEnds, let count) = record else { return }
                    let reference = CSVRecordScan.quoted(buffer, from: 0, atEnd: true, into: whole, capacity: capacity, scratch: scratch)
                    guard case .record(let wholeNext, let wholeLineEnds, let wholeCount) = reference else {
                        Issue.record("\(String(decoding: line, as: UTF8.self).debugDescription): \(reference)")
                        return
                    }
                    let fields = (0..<min(count, capacity)).map { Array(quick[$0]) }
                    let wholeFields = (0..<min(wholeCount, capacity)).map { Array(whole[$0]) }
                    #expect(next == wholeNext && lineEnds == wholeLineEnds && count == wholeCount && fields == wholeFields,
                            "\(String(decoding: line, as: UTF8.self).debugDescription)")
                    agreed += 1
                }
            }
        }
        // Enough lines took the path for the comparison to mean something.
        #expect(agreed > 2_000)
    }

    /// Lines whose quotes do more than open and close a field are read by the whole rule: a doubled
    /// quote, a line end inside quotes, text after a closing quote, a quote in an unquoted field.
    @Test func quotesThatDoMoreAreReadByTheWholeRule() {
        #expect(Self.split("\"say \"\"hi\"\"\",b\n", capacity: 2).fields == ["say \"hi\"", "b"])
        let twoLines = Self.split("\"first\nsecond\",b\r\nc\n", capacity: 2)
        #expect(twoLines.fields == ["first\nsecond", "b"])
        guard case .record(let next, let lineEnds, _) = twoLines.outcome else { Issue.record("not a record"); return }
        #expect((next, lineEnds) == (18, 2))
        guard case .malformed(_, let field, let message) = Self.split("a,\"b\"x,c\n", capacity: 3).outcome else {
            Issue.record("not malformed"); return
        }
        #expect(field == 2 && message == "unexpected text after a closing quote")
        guard case .malformed(_, let unquotedField, _) = Self.split("a,b\"c\n", capacity: 2).outcome else {
            Issue.record("not malformed"); return
        }
        #expect(unquotedField == 2)
        guard case .malformed(_, let openField, let openMessage) = Self.split("a,\"b\n", capacity: 2).outcome else {
            Issue.record("not malformed"); return
        }
        #expect(openField == 2 && openMessage == "a quoted field is not closed before the end of the file")
    }
}
