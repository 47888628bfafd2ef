import CPlatform

/// A fixed-size, zeroed array of integers for tables read at random by the hot loop (the deal-id
/// filter, the credit sums): huge-page backed memory (`comp_allocate_table`) reached through a plain
/// pointer, so an access pays neither a TLB walk per 4 KiB nor Swift's uniqueness checks.
final class IntegerTable<Element: FixedWidthInteger> {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int) {
        self.count = count
        let bytes = max(1, count) * MemoryLayout<Element>.stride
        guard let memory = comp_allocate_table(bytes) else { fatalError("out of memory for a table of \(bytes) bytes") }
        base = memory.bindMemory(to: Element.self, capacity: max(1, count))
    }

    deinit { comp_free_table(base, max(1, count) * MemoryLayout<Element>.stride) }

    /// Adds every cell of `other` (the same size) to this table's; false when a sum overflows.
    /// Cells where `other` holds 0 are left alone: writing them would make the system back pages
    /// that no sum ever reached.
    func add(_ other: IntegerTable<Element>) -> Bool {
        precondition(other.count == count)
        var overflowed = false
        for cell in 0..<count where other.base[cell] != 0 {
            let (sum, overflow) = base[cell].addingReportingOverflow(other.base[cell])
            base[cell] = sum
            overflowed = overflowed || overflow
        }
        return !overflowed
    }
}
