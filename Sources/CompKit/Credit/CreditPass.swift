import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The credit stage (§3.1–3.3, §3.7 and §7) for every command: each deals.csv is cut into one byte
/// range per core and every range is checked and credited on its own thread by a
/// `CreditWorker`; a deals.xml is streamed into one worker; deals given in code follow. The workers'
/// integer sums, exceptions and problems are then added up into `CreditTotals`.
///
/// Every problem of the deals is logged with its file, line and column: the deal rules
/// (`DealRules`), malformed CSV, ids used twice, credits too large to add up.
enum CreditPass {
    struct Outcome {
        var totals: CreditTotals
        var missingRates: [MissingRate: SourceLocation]
        var rowsPerFile: [Int]
        var won: Int
        var cancelled: Int
        /// What the finance reports gather from the deals, when the pass was given an activity to fill.
        var activity: DealActivity?

        /// The deal rows read, won and cancelled, over every file.
        var dealCounts: DealCounts { DealCounts(dealRows: rowsPerFile.reduce(0, +), won: won, cancelled: cancelled) }
    }

    static var threadCount: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Credits the deals of `paths`, then `givenDeals` (what-if deals, made in code), logging every
    /// problem into `log`. `knowsEveryParticipant` is false when the plans are broken (a rep they do
    /// not name is then not blamed on the deals). `activity`, filled, comes back with what the finance reports
    /// gather from the deals; `watchedIDs` are the deal ids it wants to know closed in the run
    /// month. `payments` (payments.csv, then what-if payments) are checked against the deals and
    /// credited after them (§3.1b). `idFilterLog2Words` sizes the deal-id filter (tests make it
    /// tiny to force the exact check); `smallestSplit` is the least a split range leaves on either
    /// side (`CreditRanges`; tests make it tiny to split small files).
    static func run(paths: [String], book: PlanBook, fx: FXTable, log: DiagnosticLog, knowsEveryParticipant: Bool = true,
                    givenDeals: [Deal] = [], payments: [Payments] = [], activity: DealActivity? = nil, watchedIDs: [String] = [],
                    threads: Int = threadCount, idFilterLog2Words: Int? = nil,
                    smallestSplit: Int = CreditRanges.smallestHalf) throws -> Outcome {
        let index = CreditIndex(book: book, fx: fx, watchedIDs: watchedIDs)
        // Held by the pass only, not the index the run keeps: at ten million deals it is 100 MB.
        let paidDealIDs = PaidDealIDs(Payments.dealNumbers(of: payments))
        let filterLog2Words = idFilterLog2Words ?? DealIDFilter.log2Words(forFilesOf: paths.map(InputFile.size(of:)).reduce(0, +))
        // Cut at any line end first; if a cut fell inside a quoted field holding a line end, credit
        // everything again with cuts made by counting quotes (nothing of the first try is kept).
        for exact in [false, true] {
            let passLog = DiagnosticLog(limit: log.limit)
            // Let go once every deal is read (32 MiB at ten million deals), before the totals are made.
            var filter: DealIDFilter? = DealIDFilter(log2Words: filterLog2Words)
            var merged = Merged(index: index, book: book, paidDealCount: paidDealIDs.numbers.count, log: passLog)
            var suspects: [UInt64] = []
            var layouts: [FileLayout?] = []
            func makeWorker(_ path: String, _ columns: DealColumns = .none) -> CreditWorker {
                let rules = DealRules(file: path, log: DiagnosticLog(limit: log.limit), index: index,
                                      knowsEveryParticipant: knowsEveryParticipant)
                return CreditWorker(index: index, paidDeals: paidDealIDs, columns: columns, deduplicator: filter!, rules: rules)
            }
            var cutsHold = true
            for path in paths where cutsHold {
                merged.rowsPerFile.append(0)
                if DealFileFormat(path: path) == .xml {
                    var worker = makeWorker(path)
                    try DealXMLReader.read(path: path, log: passLog, ahead: { worker.prefetch(id: $0, firstRep: $1) }) { raw, shares in
                        worker.credit(raw, shares: shares)
                    }
                    suspects += worker.suspects
                    try merged.add(&worker, path: path, firstLine: 0)
                    layouts.append(nil)
                    continue
                }
                guard var file = try FileLayout(path: path, threads: threads, log: passLog, exact: exact) else {
                    layouts.append(nil)
                    continue
                }
                var workers = try file.credit(smallestSplit: smallestSplit) { makeWorker(path, $0) }
                guard exact || file.cutsAreRecordStarts(workers) else {
                    cutsHold = false
                    break
                }
                var line = file.firstLine
                for part in workers.indices {
                    suspects += workers[part].suspects
                    try merged.add(&workers[part], path: path, firstLine: line)
                    line += workers[part].newlines
                }
                if merged.rowsPerFile[merged.rowsPerFile.count - 1] > InputFile.maxRecords {
                    passLog.error(.wholeFile(path),
                                  "the file has more than \(InputFile.maxRecords) data rows, the most comp reads from one file (split it)")
                }
                layouts.append(file)
                StageTimer.shared.mark("credit: workers on \(path) (\(suspects.count) ids to check)")
            }
            guard cutsHold else { continue }
            if let source = givenDeals.first?.source.file {
                var worker = makeWorker(source)
                for deal in givenDeals { deal.withRawDeal { worker.credit($0, shares: $1) } }
                try merged.add(&worker, path: source, firstLine: 0, countsRows: false)
            }
            try creditPayments(payments, dealIDs: paidDealIDs.numbers, index: index, threads: threads, dealsAreComplete: passLog.isEmpty,
                               log: passLog, into: &merged) { makeWorker($0) }
            try reportRepeatedIDs(suspects, paths: paths, layouts: layouts, log: passLog)
            StageTimer.shared.mark("credit: merge, exact id check")
            filter = nil
            log.append(passLog, lineOffset: 0)
            return merged.outcome(activity: activity, file: paths.first ?? "deals")
        }
        preconditionFailure("cuts made by counting quotes start at records")
    }

    /// Checks the payments files against the deals met (`PaymentChecks`), then credits each file's
    /// rows on every core, a range of rows per worker (`makeWorker(source)`), added to `merged` in
    /// file order.
    private static func creditPayments(_ files: [Payments], dealIDs: ByteKeyTable, index: CreditIndex, threads: Int, dealsAreComplete: Bool,
                                       log: DiagnosticLog, into merged: inout Merged,
                                       makeWorker: (String) -> CreditWorker) throws {
        guard files.contains(where: { $0.count > 0 }) else { return }
        // Each file's deal numbers in the index (one file's are the index's own).
        let numbers = files.count == 1 ? [Array(0..<Int32(files[0].deals.count))]
            : files.map { file in (0..<Int32(file.deals.count)).map { file.deals.withKey($0) { dealIDs.lookup($0) } } }
        do {  // the checks' tables freed before the payments are credited
            var checks = PaymentChecks(index: index, dealIDs: dealIDs, deals: merged.paidDeals(), dealsAreComplete: dealsAreComplete)
            for (position, file) in files.enumerated() { checks.check(file, file: position, numbers: numbers[position], log: log) }
            checks.reportTotals(of: files, log: log)
        }
        for (file, numbers) in zip(files, numbers) where file.count > 0 {
            // A range of at least 20 000 rows per worker: fewer are not worth a thread.
            let parts = max(1, min(threads, file.count / 20_000))
            var workers = (0..<parts).map { _ in makeWorker(file.source) }
            let deals = merged.paidDeals()
            Parallel.forEach(&workers) { part, worker in
                worker.credit(file, rows: file.count * part / parts..<file.count * (part + 1) / parts, numbers: numbers, deals: deals)
            }
            for part in workers.indices { try merged.add(&workers[part], path: file.source, firstLine: 0, countsRows: false) }
        }
    }

    /// What the workers found, added up.
    private struct Merged {
        let index: CreditIndex
        let book: PlanBook
        let log: DiagnosticLog
        /// The credit sums: the first worker's table, the other workers' added into it. Neither it
        /// nor the paid deals' store is made while the workers read the deals (at ten million deals
        /// they are 80 MB the run's peak would otherwise carry).
        private var addedSums: IntegerTable<Int64>?
        private var paidDealStore: PaidDeals?
        private let paidDealCount: Int
        var finance: FinanceTally
        var runMonth = CompactCredits()
        var outcome: Outcome
        var financeTooLarge: SourceLocation?

        init(index: CreditIndex, book: PlanBook, paidDealCount: Int, log: DiagnosticLog) {
            self.index = index
            self.book = book
            self.log = log
            self.paidDealCount = paidDealCount
            finance = FinanceTally(currencies: index.currencies.count)
            outcome = Outcome(totals: CreditTotals(book: book), missingRates: [:], rowsPerFile: [], won: 0, cancelled: 0, activity: nil)
        }

        /// The deals payments.csv names, by paid-deal number, as the workers added so far met them.
        mutating func paidDeals() -> PaidDeals {
            makePaidDealStore()
            return paidDealStore!
        }

        /// Makes the paid deals' store at its first need (adding the first worker, or crediting
        /// payments when no deals were read), once.
        private mutating func makePaidDealStore() {
            if paidDealStore == nil { paidDealStore = PaidDeals(count: paidDealCount) }
        }

        private var sums: IntegerTable<Int64> { addedSums ?? IntegerTable(count: index.cellCount) }

        var rowsPerFile: [Int] {
            get { outcome.rowsPerFile }
            set { outcome.rowsPerFile = newValue }
        }

        /// Adds a worker whose lines count from `firstLine` (0: its lines are the file's).
        mutating func add(_ worker: inout CreditWorker, path: String, firstLine: Int, countsRows: Bool = true) throws {
            runMonth.append(try worker.takeRunMonth())
            makePaidDealStore()
            paidDealStore!.absorb(&worker.paidDeals)
            var sumsFit = true
            if let addedSums {
                if worker.ownsSums { sumsFit = addedSums.add(worker.sums) }
            } else {
                addedSums = worker.sums
            }
            if !sumsFit || worker.sumsOverflowed {
                log.error(.wholeFile(path), "the participants' credits add up to more than comp computes exactly (are the amounts or fx rates right?)")
            }
            finance.add(worker.finance)
            log.append(worker.rules.log, lineOffset: firstLine)
            outcome.totals.exceptions += worker.exceptions.map {
                CreditTotals.ExceptionRow(source: path, line: firstLine + $0.line, id: $0.id, reason: $0.reason.description)
            }
            for (missing, relative) in worker.missingRates where outcome.missingRates[missing] == nil {
                outcome.missingRates[missing] = SourceLocation.wholeLine(path, firstLine + relative)
            }
            if financeTooLarge == nil, let line = worker.financeTooLarge {
                financeTooLarge = SourceLocation.wholeLine(path, firstLine + line)
            }
            if countsRows { outcome.rowsPerFile[outcome.rowsPerFile.count - 1] += worker.dealRows }
            outcome.won += worker.won
            outcome.cancelled += worker.cancelled
        }

        /// The totals, with the finance tallies handed to `activity` (`file` is blamed for a month's
        /// credits too large for the finance reports when no one deal is). The paid deals are let
        /// go first: the payments are credited, and the totals are made beside everything else.
        consuming func outcome(activity: DealActivity?, file: String) -> Outcome {
            paidDealStore = nil
            var outcome = self.outcome
            let sums = self.sums
            outcome.totals.runMonthRows = (runMonth, index)
            if var activity {
                activity.absorb(finance, sums: sums, index: index)
                activity.tooLarge = financeTooLarge
                    ?? (finance.runMonthCredits.allSatisfy { FinanceArithmetic.isInRange($0.amountIn) } ? nil
                        : SourceLocation.wholeFile(file))
                outcome.activity = activity
            }
            for (number, entry) in index.entries.enumerated() {
                let ref = index.entryRef[number]
                let firstSpiffSlot = index.plans[ref.plan].firstSpiffSlot
                outcome.totals.addMinorUnits(
                    entry: ref, scale: book.plan(ref).currency.minorUnits,
                    credit: { sums.base[index.cell(entry: entry, month: $1, slot: 1 + $0)] },
                    spiff: { sums.base[index.cell(entry: entry, month: $1, slot: firstSpiffSlot + $0)] })
            }
            return outcome
        }
    }

    /// Logs every id that is really used more than once, at each later use, naming the first:
    /// the ids the filter was unsure of are read again, with their positions, and compared exactly.
    private static func reportRepeatedIDs(_ suspects: [UInt64], paths: [String], layouts: [FileLayout?], log: DiagnosticLog) throws {
        let fingerprints = DealIDProbe.Fingerprints(suspects)
        guard !fingerprints.isEmpty else { return }
        var firstSeen: [[UInt8]: SourceLocation] = [:]
        func visit(_ id: [UInt8], _ location: SourceLocation) {
            if let first = firstSeen[id] {
                log.error(location, "deal_id '\(String(decoding: id, as: UTF8.self))' is used twice (first at \(first.fileAndLine))")
            } else {
                firstSeen[id] = location
            }
        }
        for (path, layout) in zip(paths, layouts) {
            if DealFileFormat(path: path) == .xml {
                try DealXMLReader.forEachID(path: path, where: { fingerprints.contains(DealIDFingerprint.of($0)) }) { id, location in
                    visit(Array(id), location)
                }
            } else if let layout {
                for found in try layout.ids(among: fingerprints) {
                    visit(found.id, SourceLocation(file: path, line: found.line, column: layout.columns.id + 1))
                }
            }
        }
    }

    /// One deals.csv cut for the workers: its columns, where its data starts and one byte range
    /// per thread.
    private struct FileLayout {
        let path: String
        let columns: DealColumns
        let firstLine: Int
        /// Range `part` is `cuts[part]..<cuts[part + 1]`; each cut is just after a line end.
        private(set) var cuts: [Int]
        /// Whether the cuts were made by counting quotes (then no range is split while credited).
        private let exact: Bool
        /// Lines from the first data line to each range's first record (after a first pass).
        private(set) var partLines: [Int] = []

        /// Reads the header (nil after logging its problems); cuts the data into ranges at line
        /// ends, or with `exact` at line ends outside quotes (`CSVRanges`).
        init?(path: String, threads: Int, log: DiagnosticLog, exact: Bool = false) throws {
            guard let table = CSVTable(path: path, required: DealColumns.required, log: log) else { return nil }
            columns = DealColumns(table)
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw CompError.io(.lastSystemError(.open, path)) }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw CompError.io(.lastSystemError(.read, path)) }
            let size = Int(status.st_size)
            let header = try CreditPass.header(descriptor, size: size, path: path)
            if exact {
                let parts = try CSVRanges.parts(path: path, count: threads, minimumBytes: 1)
                cuts = [header.dataStart] + parts.dropFirst().map(\.range.lowerBound).map { max($0, header.dataStart) } + [size]
            } else {
                var cuts = [header.dataStart]
                for part in 1..<threads {
                    let target = header.dataStart + (size - header.dataStart) * part / threads
                    cuts.append(max(cuts[cuts.count - 1], CreditPass.nextLineStart(descriptor, from: target, size: size)))
                }
                cuts.append(size)
                self.cuts = cuts
            }
            self.path = path
            self.exact = exact
            firstLine = header.firstLine
        }

        /// Credits every range on a thread of its own, each with a worker of its own for the file's
        /// columns. A thread done with its range takes over half of what is left of the largest
        /// (`CreditRanges`; not with exact cuts, where a line start may be inside quotes) with a
        /// worker continuing its own. Returns the workers in file order, `cuts` made to match.
        mutating func credit(smallestSplit: Int, makeWorker: (DealColumns) -> CreditWorker) throws -> [CreditWorker] {
            var workers = (0..<cuts.count - 1).map { _ in makeWorker(columns) }
            let (cuts, exact, size) = (self.cuts, self.exact, self.cuts[self.cuts.count - 1])
            let ranges = CreditRanges(cuts: cuts, smallestHalf: smallestSplit)
            // Read in pieces no larger than a split leaves, so that what is left can be split.
            let bufferBytes = min(CreditWorker.bufferBytes, smallestSplit)
            let continued = ContinuedRanges()
            try withDescriptor { descriptor in
                try Parallel.forEach(&workers, throwing: { part, worker in
                    if cuts[part] < cuts[part + 1] {
                        try worker.process(descriptor: descriptor, start: cuts[part], bufferBytes: bufferBytes) {
                            ranges.end(of: part, readUpTo: $0)
                        }
                    }
                    ranges.finish(part)
                    while !exact, let number = ranges.split(lineStart: { CreditPass.nextLineStart(descriptor, from: $0, size: size) }) {
                        var next = worker.continuation()
                        try next.process(descriptor: descriptor, start: ranges.start(of: number), bufferBytes: bufferBytes) {
                            ranges.end(of: number, readUpTo: $0)
                        }
                        ranges.finish(number)
                        continued.keep(next, as: number)
                    }
                })
            }
            // In file order. Malformed CSV stops a range and the rest of its first cut is not read,
            // as if it had not been split: what a failed file reports does not depend on the timing
            // (the sums a dropped range added to its core's do not matter: the file has failed).
            let all = ranges.all
            var byNumber = continued.workers
            for (part, worker) in workers.enumerated() { byNumber[part] = worker }
            var stoppedCuts = Set<Int>()
            var inOrder: [(start: Int, worker: CreditWorker)] = []
            for number in all.indices.sorted(by: { all[$0].start < all[$1].start }) where !stoppedCuts.contains(all[number].cut) {
                let worker = byNumber[number]!
                inOrder.append((all[number].start, worker))
                if worker.stopped { stoppedCuts.insert(all[number].cut) }
            }
            self.cuts = inOrder.map(\.start) + [size]
            partLines = inOrder.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.worker.newlines) }
            return inOrder.map(\.worker)
        }

        /// The workers of split-off ranges, by range number, kept by the threads that made them.
        private final class ContinuedRanges: @unchecked Sendable {
            // @unchecked: `byNumber` is read and written under `lock` only, and read once every
            // thread is done; a worker is touched by the thread that made it until then.
            private let lock = NSLock()
            private var byNumber: [Int: CreditWorker] = [:]

            func keep(_ worker: CreditWorker, as number: Int) { lock.withLock { byNumber[number] = worker } }

            var workers: [Int: CreditWorker] { lock.withLock { byNumber } }
        }

        /// Whether every range but the first started at a record's start: the range before it
        /// ended exactly there (or stopped at malformed CSV, which is reported anyway).
        func cutsAreRecordStarts(_ workers: [CreditWorker]) -> Bool {
            workers.indices.dropFirst().allSatisfy { part in
                cuts[part] == cuts[part - 1] || workers[part - 1].stopped || workers[part - 1].endedAt == cuts[part]
            }
        }

        /// The ids among `fingerprints` with their lines, in file order.
        func ids(among fingerprints: DealIDProbe.Fingerprints) throws -> [(id: [UInt8], line: Int)] {
            var found = [[(id: [UInt8], line: Int)]](repeating: [], count: cuts.count - 1)
            let (cuts, columns, firstLine, partLines) = (self.cuts, self.columns, self.firstLine, self.partLines)
            try withDescriptor { descriptor in
                try Parallel.forEach(&found, throwing: { part, found in
                    guard cuts[part] < cuts[part + 1] else { return }
                    let ids = try DealIDProbe.ids(descriptor: descriptor, start: cuts[part], end: cuts[part + 1], columns: columns,
                                                  fingerprints: fingerprints)
                    found = ids.map { ($0.id, firstLine + partLines[part] + $0.line) }
                })
            }
            return Array(found.joined())
        }

        /// Calls `body` with the file open for reading; a failure to read becomes `CompError.io`.
        private func withDescriptor(_ body: (Int32) throws -> Void) throws {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw CompError.io(.lastSystemError(.open, path)) }
            defer { close(descriptor) }
            do {
                try body(descriptor)
            } catch let failure as InputFile.Failure {
                throw CompError.io(IOFailure(.read, path, reason: failure.message))
            }
        }
    }

    /// Where the header record ends (BOM skipped) and the line the data starts on.
    private static func header(_ descriptor: Int32, size: Int, path: String) throws -> (dataStart: Int, firstLine: Int) {
        var length = min(size, 1 << 16)
        while true {
            var bytes = [UInt8](repeating: 0, count: max(length, 1))
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, 0) }
            guard count >= 0 else { throw CompError.io(.lastSystemError(.read, path)) }
            let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            guard count > bom else { return (count, 2) }
            let scratch = ByteScratch()
            var field = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            var start = bom, line = 1
            scan: while start < count {
                let outcome = bytes.withUnsafeBufferPointer { all in
                    CSVRecordScan.split(UnsafeBufferPointer(rebasing: all[0..<count]), from: start, atEnd: count == size, into: &field,
                                        capacity: 0, scratch: scratch)
                }
                switch outcome {
                case .record(let next, let lineEnds, _): return (next, line + lineEnds)
                case .blank(let next): (start, line) = (next, line + 1)
                case .incomplete where length < size: break scan
                default: return (count, line + 1)  // CSVTable has logged the header's problem
                }
            }
            guard start < count else { return (count, line + 1) }
            length = min(size, length * 4)
        }
    }

    /// The offset just after the first line end at or after `offset`.
    fileprivate static func nextLineStart(_ descriptor: Int32, from offset: Int, size: Int) -> Int {
        var position = offset
        var window = [UInt8](repeating: 0, count: 1 << 16)
        while position < size {
            let count = window.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(position)) }
            guard count > 0 else { return size }
            if let newline = window[0..<count].firstIndex(of: 0x0A) { return position + newline + 1 }
            position += count
        }
        return size
    }
}
