/// Everything the parallel credit pass looks up per deal, flattened into arrays indexed by small
/// integers: who a rep id is, which entry is active on a day, which components and SPIFFs match a
/// deal's type and product, fx rates and manager chains. Built once, read by every thread.
final class CreditIndex {
    let book: PlanBook
    let runEnd: Int32
    let runMonth: YearMonth

    // People: rep number → entries ordered by start (compressed rows into the entry arrays).
    let reps: ByteKeyTable
    let repIDs: [String]
    let repEntryStart: [Int32]
    let entryRef: [PlanBook.EntryRef]
    let entryFirstDay: [Int32]
    let entryLastDay: [Int32]
    /// The rep number of each entry's person, and of its manager (-1 for none).
    let entryRep: [Int32]
    let entryManagerRep: [Int32]
    /// The entry's first cell in the flat credit and SPIFF sums.
    let entryCreditBase: [Int]
    let entrySpiffBase: [Int]
    let creditCells: Int
    let spiffCells: Int

    // Plans.
    let planCurrency: [Currency]
    let planCurrencyNumber: [Int16]
    let planParticipates: [Bool]
    let planFiscalStart: [Int]
    let planClawback: [Int32]
    /// Per plan, per (type, product) pair: matching own components, team components and SPIFFs.
    let ownMatches: [[[Int16]]]
    let teamMatches: [[[Int16]]]
    let spiffMatches: [[[Int16]]]

    // Deal tokens: a type or product not named by any filter gets the number `count` ("other").
    let types: ByteKeyTable
    let products: ByteKeyTable
    private let productCount: Int

    // Currencies: ISO code letters → number in `currencies`.
    let currencies: [Currency]
    private let currencyByLetters: [Int16]
    private let rates: [Int: ExactDecimal]

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
        rates = rateTable

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
        var own: [[[Int16]]] = [], team: [[[Int16]]] = [], spiffs: [[[Int16]]] = []
        for plan in book.plans {
            var planOwn: [[Int16]] = [], planTeam: [[Int16]] = [], planSpiffs: [[Int16]] = []
            for type in typeNames {
                for product in productNames {
                    let components = plan.components.indices.filter { matches(plan.components[$0].filter, type, product) }
                    planOwn.append(components.filter { plan.components[$0].creditFrom == .own }.map(Int16.init))
                    planTeam.append(components.filter { plan.components[$0].creditFrom == .team }.map(Int16.init))
                    planSpiffs.append(plan.spiffs.indices.filter { matches(plan.spiffs[$0].filter, type, product) }.map(Int16.init))
                }
            }
            own.append(planOwn)
            team.append(planTeam)
            spiffs.append(planSpiffs)
        }
        ownMatches = own
        teamMatches = team
        spiffMatches = spiffs

        planCurrency = book.plans.map(\.currency)
        planCurrencyNumber = book.plans.map { number(of: $0.currency) }
        planParticipates = book.participates
        planFiscalStart = book.plans.map { $0.fiscalYear.start.ordinal }
        planClawback = book.plans.map { Int32($0.clawback?.windowDays ?? -1) }

        // Each entry's cells in the flat sums, and the entries of each person.
        var entriesOfPerson: [String: [PlanBook.EntryRef]] = [:]
        var creditBase: [PlanBook.EntryRef: Int] = [:], spiffBase: [PlanBook.EntryRef: Int] = [:]
        var credits = 0, spiffCount = 0
        for (planIndex, plan) in book.plans.enumerated() {
            for entryIndex in plan.participants.indices {
                let ref = PlanBook.EntryRef(plan: planIndex, entry: entryIndex)
                entriesOfPerson[plan.participants[entryIndex].id, default: []].append(ref)
                creditBase[ref] = credits
                spiffBase[ref] = spiffCount
                credits += plan.components.count * 13
                spiffCount += plan.spiffs.count * 13
            }
        }
        creditCells = credits
        spiffCells = spiffCount
        let ids = book.participantIDs.sorted()
        reps = ByteKeyTable(ids)
        repIDs = ids
        var starts: [Int32] = [], refs: [PlanBook.EntryRef] = [], firsts: [Int32] = [], lasts: [Int32] = []
        var owners: [Int32] = []
        for (rep, id) in ids.enumerated() {
            starts.append(Int32(refs.count))
            // Entries of one person never overlap: walk them in start order.
            let personEntries = (entriesOfPerson[id] ?? []).sorted { book.entry($0).start < book.entry($1).start }
            for ref in personEntries {
                let entry = book.entry(ref)
                refs.append(ref)
                owners.append(Int32(rep))
                firsts.append(Int32(entry.start.dayNumber))
                lasts.append(Int32(entry.activeRange.last.dayNumber))
            }
        }
        starts.append(Int32(refs.count))
        repEntryStart = starts
        entryRef = refs
        entryFirstDay = firsts
        entryLastDay = lasts
        entryRep = owners
        entryManagerRep = refs.map { ref in
            book.entry(ref).managerID.map { id -> Int32 in
                let number = ids.binarySearch(id)
                return number < ids.count && ids[number] == id ? Int32(number) : -1
            } ?? -1
        }
        entryCreditBase = refs.map { creditBase[$0]! }
        entrySpiffBase = refs.map { spiffBase[$0]! }
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
        from == to ? CreditIndex.one : rates[CreditIndex.rateKey(month: month, from: from, to: to)]
    }

    static let one = ExactDecimal(1)

    /// The rate a `rateKey` stands for; -1 stands for 1.
    func rate(key: Int) -> ExactDecimal { key < 0 ? CreditIndex.one : rates[key] ?? CreditIndex.one }

    /// Ranks of rep ids, plan ids and each plan's component ids in byte order (SPEC 5 sorting).
    lazy var repByteRanks: [Int32] = CreditIndex.byteRanks(repIDs)
    lazy var planByteRanks: [Int32] = CreditIndex.byteRanks(book.plans.map(\.id))
    lazy var componentByteRanks: [[Int32]] = book.plans.map { CreditIndex.byteRanks($0.components.map(\.id)) }

    private static func byteRanks(_ ids: [String]) -> [Int32] {
        var ranks = [Int32](repeating: 0, count: ids.count)
        for (rank, position) in ids.indices.sorted(by: { byteOrder(ids[$0], ids[$1]) }).enumerated() { ranks[position] = Int32(rank) }
        return ranks
    }

    /// The index into the entry arrays of the rep's entry active on `day`, or -1.
    @inline(__always)
    func entry(rep: Int32, day: Int32) -> Int {
        var index = Int(repEntryStart[Int(rep)])
        let end = Int(repEntryStart[Int(rep) + 1])
        while index < end {
            if entryFirstDay[index] <= day && day <= entryLastDay[index] { return index }
            index += 1
        }
        return -1
    }

    /// Index of a deal's (type, product) pair in the per-plan match tables; a token no filter
    /// names counts as "other".
    @inline(__always)
    func tokenPair(type: UnsafeBufferPointer<UInt8>, product: UnsafeBufferPointer<UInt8>) -> Int {
        let typeNumber = types.lookup(type), productNumber = products.lookup(product)
        return Int(typeNumber < 0 ? Int32(types.count) : typeNumber) * productCount
            + Int(productNumber < 0 ? Int32(products.count) : productNumber)
    }

    /// The fiscal month a day counts in for a plan (SPEC 3.3 and 7), or 0 when it counts in none.
    @inline(__always)
    func countedMonth(day: Int32, monthOrdinal: Int, plan: Int) -> Int {
        guard planParticipates[plan], day <= runEnd else { return 0 }
        let month = monthOrdinal - planFiscalStart[plan] + 1
        return month >= 1 && month <= 12 ? month : 0
    }

    /// The managers above an entry on a day, nearest first, as indices into the entry arrays —
    /// `PlanBook.managerChain` on integers: each manager's entry active that day, stopping at one
    /// with none (or where the chain would come round again).
    @inline(__always)
    func managerChain(entry: Int, day: Int32, into chain: inout [Int]) {
        chain.removeAll(keepingCapacity: true)
        var manager = entryManagerRep[entry]
        while manager >= 0 {
            let next = self.entry(rep: manager, day: day)
            guard next >= 0, next != entry, !chain.contains(next) else { return }
            chain.append(next)
            manager = entryManagerRep[next]
        }
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
