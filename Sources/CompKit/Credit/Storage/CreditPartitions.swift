/// Which of the `CompactCredits.partitionCount` partitions each run-month credit row goes to.
///
/// Partitions are consecutive ranges of credits.csv's order (rep, then plan and component, then
/// day), so that sorting each partition and writing them one after another gives the file, and
/// only one partition is held in memory at a time. A rep takes partitions in proportion to the
/// rows it is expected to get: one for its own credits, one more for each entry of its org below
/// it (the roll-up copies). A rep with several partitions spreads its rows over them by plan and
/// component, then by day: at the top of a large company one manager gets a roll-up copy of nearly
/// every deal of the month, which in one partition would be held in memory whole.
/// The estimate only balances the partitions; any estimate gives the same file.
struct CreditPartitions {
    /// Per rep number: its first partition and how many it has.
    private let first: [UInt8]
    private let count: [UInt16]
    /// For a rep with several partitions, the section ranks its rows can have, in order.
    private let sectionsOfRep: [Int32: [UInt32]]
    private let sectionRanks: SectionRanks
    private let firstDay: Int32

    init(index: CreditIndex) {
        let reps = index.repIDs.count
        // Expected rows: 1 per rep, plus 1 for every entry below it in any manager chain.
        var weight = [Int](repeating: 1, count: reps)
        for entry in index.entries {
            var manager = entry, levels = 0
            // Chains are at most `PlanSetRules` deep; the bound only keeps a cycle from looping.
            while manager.managerStart < manager.managerEnd && levels < 128 {
                manager = index.entries[Int(manager.managerStart)]
                weight[Int(manager.rep)] += 1
                levels += 1
            }
        }
        let total = max(1, weight.reduce(0, +))
        let partitions = CompactCredits.partitionCount
        var first = [UInt8](repeating: 0, count: reps), count = [UInt16](repeating: 1, count: reps)
        var before = 0
        for rep in index.repByteRanks.indices.sorted(by: { index.repByteRanks[$0] < index.repByteRanks[$1] }) {
            let start = before * partitions / total, end = (before + weight[rep]) * partitions / total
            first[rep] = UInt8(start)
            count[rep] = UInt16(max(1, end - start))
            before += weight[rep]
        }
        sectionRanks = SectionRanks(index)
        var sectionsOfRep: [Int32: [UInt32]] = [:]
        for rep in 0..<reps where count[rep] > 1 {
            var sections = Set<UInt32>()
            for entry in Int(index.repEntryStart[rep])..<Int(index.repEntryStart[rep + 1]) {
                let plan = Int16(index.entries[entry].plan)
                for component in -1..<index.book.plans[Int(plan)].components.count {
                    sections.insert(sectionRanks.of(plan: plan, component: Int16(component)))
                }
            }
            sectionsOfRep[Int32(rep)] = sections.sorted()
        }
        self.first = first
        self.count = count
        self.sectionsOfRep = sectionsOfRep
        firstDay = Int32(index.runMonth.firstDay.dayNumber)
    }

    /// The partitions a rep's rows are in.
    func partitions(of rep: Int32) -> Range<Int> { Int(first[Int(rep)])..<Int(first[Int(rep)]) + Int(count[Int(rep)]) }

    /// The partition of a run-month row.
    @inline(__always)
    func partition(rep: Int32, plan: Int16, component: Int16, day: Int32) -> Int {
        let start = Int(first[Int(rep)]), span = Int(count[Int(rep)])
        guard span > 1, let sections = sectionsOfRep[rep] else { return start }
        // Section-major, then day: the order of the file within the rep. A row's plan is always
        // that of one of its rep's entries (own, chargeback and roll-up rows alike), so it is found.
        let section = sections.firstIndex(of: sectionRanks.of(plan: plan, component: component)) ?? 0
        let key = section * 31 + Int(min(max(day - firstDay, 0), 30))
        return start + key * span / (sections.count * 31)
    }
}
