import Foundation
import Testing
@testable import CompKit

@Suite struct CompactCreditsTests {
    /// Two workers' rows written in blocks of two rows to their files and read back partition by
    /// partition: equal rows (roll-up copies of one deal) keep their file order across blocks and
    /// workers, and each share's own credit is counted once however many component rows it has.
    /// The rows a worker holds at the end are kept in memory (a limit of 1 MiB) or written too (0).
    @Test(arguments: [1 << 20, 0]) func partitionsReadBackInFileOrderAcrossBlocksAndWorkers(heldBytesLimit: Int) throws {
        let plan = Fixture.plan("AE", components: [Fixture.component("own"), Fixture.component("team", from: .team)],
                                participants: [Fixture.person("R1", manager: "M1"), Fixture.person("R2", manager: "M1"), Fixture.person("M1")])
        let book = PlanBook(plans: [plan], runMonth: YearMonth(year: 2026, month: 1))
        let index = CreditIndex(book: book, fx: FXTable())
        let usd = Int16(try #require(index.currencies.firstIndex(of: .usd)))
        let rep = { (id: String) in Int32(index.repIDs.firstIndex(of: id)!) }
        let r1 = rep("R1")
        let day = Int32(book.runMonth.firstDay.dayNumber + 19)
        let id = Array("D1".utf8)

        func write(percents: [Int], ownComponents: [Int16]) throws -> CompactCredits {
            var writer = CompactCredits.Writer(index: index, blockRows: 2, heldBytesLimit: heldBytesLimit)
            for percent in percents {
                writer.startShare()
                let credit = Int64(percent * 100)
                func add(_ kind: CreditTotals.CreditRow.Kind, _ rep: Int32, _ component: Int16) {
                    id.withUnsafeBufferPointer { id in
                        writer.add(kind: kind, rep: rep, plan: 0, component: component, day: day, credit: credit, id: id) {
                            CompactCredits.Share(amount: ExactDecimal(mantissa: 10000, scale: 2), currency: usd, rateKey: -1,
                                                 percent: ExactDecimal(mantissa: Int128(percent), scale: 0), tokenPair: 0, creditedRep: r1,
                                                 idStart: 0, idLength: 0)
                        }
                    }
                }
                for component in ownComponents { add(.credit, rep("R1"), component) }
                add(.rollup, rep("M1"), 1)
            }
            return try writer.finish()
        }
        var credits = try write(percents: [60, 40, 30], ownComponents: [0, 1])
        credits.append(try write(percents: [20, 10], ownComponents: [0]))
        // The first worker (three shares) ends with rows short of a block of two: held, or written
        // too; the second's (two shares) fill whole blocks.
        #expect(credits.workers.map { !$0.held.isEmpty } == [heldBytesLimit > 0, false])
        let runMonth = RunMonthCredits(credits: credits, index: index)

        #expect(runMonth.count == 13)
        let rollups = [60, 40, 30, 20, 10].map { "2026-01,M1,AE,team,D1,2026-01-20,rollup,100.00,USD,1.000000,\($0).00,\($0).00\n" }
        let own = [60, 40, 30].flatMap { percent in
            ["own", "team"].map { "2026-01,R1,AE,\($0),D1,2026-01-20,credit,100.00,USD,1.000000,\(percent).00,\(percent).00\n" }
        } + [20, 10].map { "2026-01,R1,AE,own,D1,2026-01-20,credit,100.00,USD,1.000000,\($0).00,\($0).00\n" }
        // Sorted by component within R1: own rows first, each in file order.
        let ownSorted = own.filter { $0.contains(",own,") } + own.filter { $0.contains(",team,") }
        #expect(String(decoding: try CreditsReport.csv(runMonth, period: book.runMonth), as: UTF8.self)
                == CreditsReportTests.header + (rollups + ownSorted).joined())
        // In the order the workers made them.
        #expect(try runMonth.rows().map { "\($0.repID) \($0.percent.formatted(decimals: 0))" }
                == ["R1 60", "R1 60", "M1 60", "R1 40", "R1 40", "M1 40", "R1 30", "R1 30", "M1 30", "R1 20", "M1 20", "R1 10", "M1 10"])
        let posted = runMonth.postedShares()
        #expect(posted.count == 1)
        #expect(posted.first?.count == 5)
        #expect(posted.first?.total == ExactDecimal(mantissa: 16000, scale: 2))
    }
}
