import Testing
@testable import CompKit

/// A manager M1 with forty reports under a top manager M0: partitions are shared out by expected
/// rows (1 per rep, plus 1 per entry below it), and a manager's rows spread over its partitions by
/// component, then day, always in credits.csv's order.
@Suite struct CreditPartitionsTests {
    let book: PlanBook
    let index: CreditIndex
    let partitions: CreditPartitions

    init() {
        let reports = (1...40).map { Fixture.person("R\($0 < 10 ? "0" : "")\($0)", manager: "M1") }
        let plan = Fixture.plan("AE", components: [Fixture.component("own"), Fixture.component("team", from: .team)],
                                participants: [Fixture.person("M0"), Fixture.person("M1", manager: "M0")] + reports)
        book = PlanBook(plans: [plan], runMonth: YearMonth(year: 2026, month: 1))
        index = CreditIndex(book: book, fx: FXTable())
        partitions = CreditPartitions(index: index)
    }

    func partition(_ rep: String, _ component: Int16, day: Int) -> Int {
        partitions.partition(rep: Int32(index.repIDs.firstIndex(of: rep)!), plan: 0, component: component,
                             day: Int32(book.runMonth.firstDay.dayNumber + day - 1))
    }

    @Test func managersTakePartitionsInProportionToTheirOrg() {
        // Weights: R 1 each (40), M1 1 + 40 = 41, M0 1 + 41 = 42; 123 in all, 256 partitions.
        // M0 from 0 (to 42 × 256 / 123 = 87), M1 from 87 (to 83 × 256 / 123 = 172), R01 from 172.
        #expect(partition("M0", -1, day: 1) == 0)
        #expect(partition("M1", -1, day: 1) == 87)
        #expect(partition("R01", -1, day: 1) == 172)
        // M1's 85 partitions over its 3 sections × 31 days: team (section 2) on day 1 is key 62,
        // 87 + 62 × 85 / 93 = 143; on day 31 key 92, 87 + 92 × 85 / 93 = 171.
        #expect(partition("M1", 1, day: 1) == 143)
        #expect(partition("M1", 1, day: 31) == 171)
        #expect(Set((1...31).map { partition("M1", 1, day: $0) }).count == 29)
    }

    @Test func partitionsFollowTheFilesOrder() {
        // Rep (byte order), then section (no component, own, team), then day.
        var keys: [Int] = []
        for rep in index.repIDs.sorted(by: byteOrder) {
            for component in Int16(-1)...1 {
                for day in 1...31 { keys.append(partition(rep, component, day: day)) }
            }
        }
        #expect(keys == keys.sorted())
        #expect(keys.last! < CompactCredits.partitionCount)
    }
}
