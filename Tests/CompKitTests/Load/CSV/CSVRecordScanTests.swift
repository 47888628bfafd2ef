import Testing
@testable import CompKit

@Suite struct CSVRecordScanTests {
    /// Splits the record at the start of `text` into at most `capacity` fields.
    static func split(_ text: String, capacity: Int, mayHoldQuotes: Bool = true, stopsAtCapacity: Bool = false)
        -> (fields: [String], outcome: CSVRecordScan.Outcome) {
        let bytes = Array(text.utf8)
        let fields = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: capacity)
        defer { fields.deallocate() }
        return bytes.withUnsafeBufferPointer { buffer in
            let outcome = CSVRecordScan.split(buffer, from: 0, atEnd: true, into: fields, capacity: capacity, scratch: ByteScratch(),
                                              mayHoldQuotes: mayHoldQuotes, stopsAtCapacity: stopsAtCapacity)
            guard case .record(_, _, let count) = outcome else { return ([], outcome) }
            return ((0..<min(count, capacity)).map { String(decoding: fields[$0], as: UTF8.self) }, outcome)
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
}
