/// Everything the credit pass looks up per deal, flattened into arrays indexed by small
/// integers: who a rep id is, which entry is active on a day, which components and SPIFFs match a
/// deal's type and product, fx rates and manager chains. Built once, read by every thread.
final class CreditIndex: Sendable {
    let book: PlanBook
    let runEnd: Int32
    let runMonth: YearMonth

    // People: rep number → entries ordered by start (compressed rows into `entries`).
    let reps: ByteKeyTable
    let repIDs: [String]
    let repEntryStart: ReadOnlyTable<Int32>
    let entryRef: [PlanBook.EntryRef]
    /// What the hot loop needs of each entry, in one record (one cache line) per entry.
    let entries: ReadOnlyTable<Entry>
    /// Cells in the flat sums (`cell(entry:month:slot:)`).
    let cellCount: Int

    struct Entry {
        var firstDay: Int32
        var lastDay: Int32
        var plan: Int32
        /// The rep number of the entry's person.
        var rep: Int32
        /// The entries of the manager's person (`managerStart..<managerEnd`, empty for none).
        var managerStart: Int32
        var managerEnd: Int32
        /// The entry's block in the flat sums: 13 months (0 unused) × its plan's `slots`.
        var cellBase: Int
    }

    // Plans.
    let planCurrency: [Currency]
    let plans: ReadOnlyTable<PlanInfo>

    struct PlanInfo {
        /// The plan currency's number in `currencies`, and its minor unit.
        var currency: Int16
        var minorUnits: Int
        var participates: Bool
        var fiscalStart: Int
        /// The clawback window in days, -1 for none.
        var clawbackDays: Int32
        /// Cells per month of an entry's block: the forecast actuals, one per component, then one
        /// per SPIFF (all a credit adds to sits in one or two cache lines).
        var slots: Int
        /// The slot of the first SPIFF.
        var firstSpiffSlot: Int
    }

    /// Per plan, per (type, product) pair: the matching components of each `MatchKind` and the
    /// matching SPIFFs, as ranges of `matchList` (`matches(_:plan:pair:)`).
    private let matchList: ReadOnlyTable<Int16>
    private let matchStart: ReadOnlyTable<Int32>
    private let pairCount: Int

    /// Which components or SPIFFs a credit goes to: deal credits and chargebacks feed `creditOn="close"`
    /// components (`own`, `team`), payment credits `creditOn="payment"` ones (§3.1b).
    enum MatchKind: Int, CaseIterable {
        case own = 0, team, spiff, ownOnPayment, teamOnPayment
    }

    // Deal tokens: a type or product not named by any filter gets the number `count` ("other").
    let types: ByteKeyTable
    let products: ByteKeyTable
    private let productCount: Int

    // Currencies: ISO code letters → number in `currencies`.
    let currencies: [Currency]
    private let currencyByLetters: [Int16]
    private let rates: FXRateLookup

    /// Deal ids the finance reports want to know about when they close in the run month
    /// (pipeline opportunities), numbered in `watched`.
    let watchedIDs: [String]
    let watched: ByteKeyTable

    init(book: PlanBook, fx: FXTable, watchedIDs: [String] = []) {
        self.book = book
        self.watchedIDs = watchedIDs.uniqued()
        watched = ByteKeyTable(self.watchedIDs)
        runMonth = book.runMonth
        runEnd = Int32(book.runMonth.lastDay.dayNumber)

        let allCurrencies = Currency.minorUnitsByCode.keys.sorted().compactMap(Currency.init(code:))
        var letters = [Int16](repeating: -1, count: 26 * 26 * 26)
        for (number, currency) in allCurrencies.enumerated() {
            let bytes = Array(currency.code.utf8)
            letters[CreditIndex.letterKey(bytes[0], bytes[1], bytes[2])] = Int16(number)
        }
        currencies = allCurrencies
        currencyByLetters = letters
        func number(of currency: Currency) -> Int16 { letters[CreditIndex.letterKey(Array(currency.code.utf8))] }

        var rateTable: [Int: ExactDecimal] = [:]
        for (key, rate) in fx.allRates {
            guard let from = Currency(code: key.from), let to = Currency(code: key.to) else { continue }
            rateTable[CreditIndex.rateKey(month: key.month.ordinal, from: number(of: from), to: number(of: to))] = rate
        }
        rates = FXRateLookup(rateTable)

        // Filter tokens.
        var typeTokens: [String] = [], productTokens: [String] = []
        for plan in book.plans {
            for filter in plan.components.map(\.filter) + plan.spiffs.map(\.filter) {
                typeTokens += (filter.types ?? []).sorted()
                productTokens += (filter.products ?? []).sorted()
            }
        }
        let typeList = typeTokens.uniqued(), productList = productTokens.uniqued()
        types = ByteKeyTable(typeList)
        products = ByteKeyTable(productList)
        productCount = productList.count + 1
        let typeNames = typeList.map { Optional($0) } + [nil]
        let productNames = productList.map { Optional($0) } + [nil]
        func matches(_ filter: DealFilter, _ type: String?, _ product: String?) -> Bool {
            if let allowed = filter.types, !(type.map(allowed.contains) ?? false) { return false }
            if let allowed = filter.products, !(product.map(allowed.contains) ?? false) { return false }
            return true
        }
        var list: [Int16] = [], listStarts: [Int32] = []
        for plan in book.plans {
            for type in typeNames {
                for product in productNames {
                    let matching = plan.components.indices.filter { matches(plan.components[$0].filter, type, product) }
                    let spiffs = plan.spiffs.indices.filter { matches(plan.spiffs[$0].filter, type, product) }
                    func components(_ source: Component.CreditSource, _ event: Component.CreditEvent) -> [Int] {
                        matching.filter { plan.components[$0].creditFrom == source && plan.components[$0].creditOn == event }
                    }
                    // In `MatchKind` order.
                    for found in [components(.own, .close), components(.team, .close), spiffs,
                                  components(.own, .payment), components(.team, .payment)] {
                        listStarts.append(Int32(list.count))
                        list += found.map(Int16.init)
                    }
                }
            }
        }
        listStarts.append(Int32(list.count))
        matchList = ReadOnlyTable(list)
        matchStart = ReadOnlyTable(listStarts)
        pairCount = typeNames.count * productNames.count

        planCurrency = book.plans.map(\.currency)
        plans = ReadOnlyTable(book.plans.indices.map { index in
            let plan = book.plans[index]
            return PlanInfo(currency: number(of: plan.currency), minorUnits: plan.currency.minorUnits,
                            participates: book.participates[index], fiscalStart: plan.fiscalYear.start.ordinal,
                            clawbackDays: Int32(plan.clawback?.windowDays ?? -1),
                            slots: 1 + plan.components.count + plan.spiffs.count, firstSpiffSlot: 1 + plan.components.count)
        })

        // The entries of each person, each with its block of cells in the flat sums.
        var entriesOfPerson: [String: [PlanBook.EntryRef]] = [:]
        for (planIndex, plan) in book.plans.enumerated() {
            for entryIndex in plan.participants.indices {
                entriesOfPerson[plan.participants[entryIndex].id, default: []].append(PlanBook.EntryRef(plan: planIndex, entry: entryIndex))
            }
        }
        let ids = book.participantIDs.sorted()
        reps = ByteKeyTable(ids)
        repIDs = ids
        var starts: [Int32] = [], refs: [PlanBook.EntryRef] = [], records: [Entry] = [], managerIDs: [String?] = []
        var cells = 0
        for (rep, id) in ids.enumerated() {
            starts.append(Int32(refs.count))
            // Entries of one person never overlap: walk them in start order.
            let personEntries = (entriesOfPerson[id] ?? []).sorted { book.entry($0).start < book.entry($1).start }
            for ref in personEntries {
                let entry = book.entry(ref)
                refs.append(ref)
                managerIDs.append(entry.managerID)
                records.append(Entry(firstDay: Int32(entry.start.dayNumber), lastDay: Int32(entry.activeRange.last.dayNumber),
                                     plan: Int32(ref.plan), rep: Int32(rep), managerStart: 0, managerEnd: 0, cellBase: cells))
                cells += 13 * plans[ref.plan].slots
            }
        }
        starts.append(Int32(refs.count))
        for (entry, managerID) in managerIDs.enumerated() {
            guard let managerID else { continue }
            let number = ids.binarySearch(managerID)
            guard number < ids.count && ids[number] == managerID else { continue }
            records[entry].managerStart = starts[number]
            records[entry].managerEnd = starts[number + 1]
        }
        repEntryStart = ReadOnlyTable(starts)
        entryRef = refs
        entries = ReadOnlyTable(records)
        cellCount = cells
        repByteRanks = CreditIndex.byteRanks(ids)
        var repOfRank = [Int32](repeating: 0, count: ids.count)
        for (rep, rank) in repByteRanks.enumerated() { repOfRank[Int(rank)] = Int32(rep) }
        repOfByteRank = repOfRank
        planByteRanks = CreditIndex.byteRanks(book.plans.map(\.id))
        componentByteRanks = book.plans.map { CreditIndex.byteRanks($0.components.map(\.id)) }
    }

    // MARK: Lookups

    @inline(__always)
    static func letterKey(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        (Int(a) - 65) * 676 + (Int(b) - 65) * 26 + (Int(c) - 65)
    }

    static func letterKey(_ bytes: [UInt8]) -> Int { letterKey(bytes[0], bytes[1], bytes[2]) }

    /// The currency number of three ASCII letters, or -1.
    @inline(__always)
    func currency(_ field: UnsafeBufferPointer<UInt8>) -> Int16 {
        guard field.count == 3 else { return -1 }
        let a = field[0], b = field[1], c = field[2]
        guard a >= 65, a <= 90, b >= 65, b <= 90, c >= 65, c <= 90 else { return -1 }
        return currencyByLetters[CreditIndex.letterKey(a, b, c)]
    }

    @inline(__always)
    static func rateKey(month: Int, from: Int16, to: Int16) -> Int { month << 20 | Int(from) << 10 | Int(to) }

    /// The rate for a month and pair; 1 for the same currency, nil when fx.csv lacks it.
    @inline(__always)
    func rate(month: Int, from: Int16, to: Int16) -> ExactDecimal? {
        from == to ? CreditIndex.one : rates.lookup(CreditIndex.rateKey(month: month, from: from, to: to))
    }

    static let one = ExactDecimal(1)

    /// The rate a `rateKey` stands for; -1 stands for 1.
    func rate(key: Int) -> ExactDecimal { key < 0 ? CreditIndex.one : rates.lookup(key) ?? CreditIndex.one }

    /// Ranks of rep ids, plan ids and each plan's component ids in byte order (§5 sorting).
    let repByteRanks: [Int32]
    let planByteRanks: [Int32]
    let componentByteRanks: [[Int32]]
    /// The rep number of each byte-order rank (`repByteRanks` inverted).
    let repOfByteRank: [Int32]

    private static func byteRanks(_ ids: [String]) -> [Int32] {
        var ranks = [Int32](repeating: 0, count: ids.count)
        for (rank, position) in ids.indices.sorted(by: { byteOrder(ids[$0], ids[$1]) }).enumerated() { ranks[position] = Int32(rank) }
        return ranks
    }

    /// Starts loading a rep's first entry (a hint: no result changes).
    @inline(__always)
    func prefetchEntries(rep: Int32) {
        entries.prefetch(at: Int(repEntryStart[Int(rep)]))
    }

    /// Starts loading the entry at `entry` of `entries` (a hint: no result changes).
    @inline(__always)
    func prefetchEntry(_ entry: Int) {
        entries.prefetch(at: entry)
    }

    /// Starts loading a rep's entry range (a hint: no result changes).
    @inline(__always)
    func prefetchEntryRange(rep: Int32) {
        repEntryStart.prefetch(at: Int(rep))
    }

    /// The index into `entries` of the rep's entry active on `day`, or -1.
    @inline(__always)
    func entry(rep: Int32, day: Int32) -> Int {
        activeEntry(from: Int(repEntryStart[Int(rep)]), to: Int(repEntryStart[Int(rep) + 1]), day: day)
    }

    /// The index into `entries` of the entry's manager's entry active on `day`, or -1.
    @inline(__always)
    func managerEntry(of entry: Int, day: Int32) -> Int {
        let own = entries[entry]
        return activeEntry(from: Int(own.managerStart), to: Int(own.managerEnd), day: day)
    }

    /// The index of the entry among `start..<end` (one person's) active on `day`, or -1.
    @inline(__always)
    private func activeEntry(from start: Int, to end: Int, day: Int32) -> Int {
        var index = start
        while index < end {
            let entry = entries[index]
            if entry.firstDay <= day && day <= entry.lastDay { return index }
            index += 1
        }
        return -1
    }

    /// The cell of an entry's month and slot (0: forecast actuals, 1 + c: component c) in the
    /// flat credit sums. A month's slots sit side by side, so one credit touches one or two cache
    /// lines.
    @inline(__always)
    func cell(entry: Entry, month: Int, slot: Int) -> Int {
        entry.cellBase + month * plans[Int(entry.plan)].slots + slot
    }

    /// The matching components or SPIFFs of a plan for a (type, product) pair, as a range of
    /// positions for `match(at:)`.
    @inline(__always)
    func matches(_ kind: MatchKind, plan: Int, pair: Int) -> Range<Int> {
        let list = (plan * pairCount + pair) * MatchKind.allCases.count + kind.rawValue
        return Int(matchStart[list])..<Int(matchStart[list + 1])
    }

    @inline(__always)
    func match(at position: Int) -> Int { Int(matchList[position]) }

    /// Index of a deal's (type, product) pair in the per-plan match tables; a token no filter
    /// names counts as "other".
    @inline(__always)
    func tokenPair(type: UnsafeBufferPointer<UInt8>, product: UnsafeBufferPointer<UInt8>) -> Int {
        let typeNumber = types.lookup(type), productNumber = products.lookup(product)
        return Int(typeNumber < 0 ? Int32(types.count) : typeNumber) * productCount
            + Int(productNumber < 0 ? Int32(products.count) : productNumber)
    }

    /// The fiscal month a day counts in for a plan (§3.3 and §7), or 0 when it counts in none.
    @inline(__always)
    func countedMonth(day: Int32, monthOrdinal: Int, plan: Int) -> Int {
        let info = plans[plan]
        guard info.participates, day <= runEnd else { return 0 }
        let month = monthOrdinal - info.fiscalStart + 1
        return month >= 1 && month <= 12 ? month : 0
    }

    /// The managers above an entry on a day, nearest first, as indices into `entries` —
    /// `PlanBook.managerChain` on integers: each manager's entry active that day, stopping at one
    /// with none (or where the chain would come round again).
    @inline(__always)
    func managerChain(entry: Int, day: Int32, into chain: inout ManagerChain) {
        chain.removeAll()
        var manager = entries[entry]
        while manager.managerStart < manager.managerEnd {
            let next = activeEntry(from: Int(manager.managerStart), to: Int(manager.managerEnd), day: day)
            guard next >= 0, next != entry, !chain.contains(next) else { return }
            chain.append(next)
            manager = entries[next]
        }
    }
}

/// A manager chain (`CreditIndex.managerChain`), nearest manager first, as indices into
/// `CreditIndex.entries`; refilled for every credit.
struct ManagerChain {
    private var entries = ReusedList<Int>()

    /// The positions of the managers, nearest first.
    var levels: Range<Int> { entries.indices }

    /// The entry of the manager at `level`.
    @inline(__always)
    subscript(level: Int) -> Int { entries[level] }

    @inline(__always)
    fileprivate mutating func removeAll() { entries.removeAll() }

    @inline(__always)
    fileprivate mutating func append(_ entry: Int) { entries.append(entry) }

    @inline(__always)
    fileprivate func contains(_ entry: Int) -> Bool {
        for level in levels where entries[level] == entry { return true }
        return false
    }
}

extension Array where Element == String {
    /// The elements in first-seen order without repeats.
    func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }

    /// Index of `value` in this sorted array (which must hold it).
    func binarySearch(_ value: String) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
