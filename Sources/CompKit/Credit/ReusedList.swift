/// A short list refilled for every credit (a manager chain, the roll-ups a credit makes): its
/// memory is kept from one filling to the next and emptied by a count, since an array's
/// `removeAll(keepingCapacity:)` is a call of its own, made for every credit.
struct ReusedList<Element> {
    private var storage: [Element] = []
    /// How many elements the list holds.
    private(set) var count = 0

    /// The elements' positions, first to last.
    var indices: Range<Int> { 0..<count }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(position: Int) -> Element { storage[position] }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count < storage.count { storage[count] = element } else { storage.append(element) }
        count += 1
    }
}
