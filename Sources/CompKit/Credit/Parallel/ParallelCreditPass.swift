import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The credit stage for large clean CSV inputs: each deals file is cut into one byte range per
/// core, every range is credited on its own thread by a `DealChunkWorker`, and the integer sums
/// are added up. The result is the same `CreditTotals` the simple pass (`CreditEngine`) gives —
/// a test holds the two to byte-identical outputs.
///
/// Returns nil when any row needs the simple pass (it reports problems; this one only vouches
/// for clean rows): a broken rule, a quoted field, a non-ASCII id, a repeated deal id.
enum ParallelCreditPass {
    struct Outcome {
        var totals: CreditTotals
        var missingRates: [CreditEngine.MissingRate: SourceLocation]
        var rowsPerFile: [Int]
        var won: Int
        var cancelled: Int
    }

    static var threadCount: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    /// `idFilterLog2Words` sizes the deal-id filter (tests make it tiny to force the exact check).
    /// `activity` receives what the finance reports gather from the deals; `watchedIDs` are the
    /// deal ids it wants to know closed in the run month.
    static func run(paths: [String], book: PlanBook, fx: FXTable, activity: DealActivity? = nil, watchedIDs: [String] = [],
                    threads: Int = threadCount, idFilterLog2Words: Int? = nil) throws -> Outcome? {
        let index = CreditIndex(book: book, fx: fx, watchedIDs: watchedIDs)
        var finance = FinanceTally(currencies: index.currencies.count)
        let filter = DealIDFilter(log2Words: idFilterLog2Words ?? DealIDFilter.log2Words)
        var suspects: [UInt64] = []
        var outcome = Outcome(totals: CreditTotals(book: book), missingRates: [:], rowsPerFile: [], won: 0, cancelled: 0)
        var sums: IntegerTable<Int64>?
        var runMonth = CompactCredits()
        for path in paths {
            guard let file = try FileLayout(path: path, threads: threads) else { return nil }
            var workers = (0..<threads).map { _ in DealChunkWorker(index: index, columns: file.columns, deduplicator: filter) }
            // Each thread changes its own worker only.
            guard try workers.withUnsafeMutableBufferPointer({ workers in
                try file.inParallel { part, descriptor, start, end in
                    try workers[part].process(descriptor: descriptor, start: start, end: end)
                }
            }) else { return nil }
            guard !workers.contains(where: \.gaveUp) else { return nil }
            for worker in workers { suspects += worker.suspects }
            StageTimer.shared.mark("credit: workers on \(path) (\(suspects.count) ids to check)")
            var line = file.firstLine
            outcome.rowsPerFile.append(0)
            for part in workers.indices {
                runMonth.append(try workers[part].takeRunMonth())
                let worker = workers[part]
                if let sums { guard sums.add(worker.sums) else { return nil } } else { sums = worker.sums }
                finance.add(worker.finance)
                outcome.totals.exceptions += worker.exceptions.map {
                    CreditTotals.ExceptionRow(source: path, line: line + $0.line, id: $0.id, reason: $0.reason)
                }
                for (missing, relative) in worker.missingRates where outcome.missingRates[missing] == nil {
                    outcome.missingRates[missing] = SourceLocation(file: path, line: line + relative, column: 0)
                }
                outcome.rowsPerFile[outcome.rowsPerFile.count - 1] += worker.dealRows
                outcome.won += worker.won
                outcome.cancelled += worker.cancelled
                line += worker.newlines
            }
        }
        StageTimer.shared.mark("credit: merge")
        // Ids the filter was unsure of: read their bytes in a second, id-only scan and compare.
        let fingerprints = DealIDProbe.Fingerprints(suspects)
        if !fingerprints.isEmpty {
            var seen = Set<[UInt8]>()
            for path in paths {
                guard let file = try FileLayout(path: path, threads: threads) else { return nil }
                var found = [[[UInt8]]](repeating: [], count: threads)
                let lock = NSLock()
                guard try file.inParallel({ part, descriptor, start, end in
                    let ids = try DealIDProbe.ids(descriptor: descriptor, start: start, end: end, idColumn: file.columns.id,
                                                  fingerprints: fingerprints)
                    lock.withLock { found[part] = ids }
                }) else { return nil }
                for id in found.joined() where !seen.insert(id).inserted { return nil }
            }
        }
        StageTimer.shared.mark("credit: exact id check")
        guard let sums else { return nil }
        // Converted amounts past the finance reports' range are reported by the simple pass.
        guard finance.runMonthCredits.allSatisfy({ FinanceArithmetic.isInRange($0.amountIn) }) else { return nil }
        outcome.totals.compactRunMonthRows = (runMonth, index)
        activity?.absorb(finance, sums: sums, index: index)
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

    /// One deals file cut for the workers: its columns, where its data starts and one byte range
    /// per thread. Nil for a file this pass leaves to the simple reader (unusual header).
    private struct FileLayout {
        let path: String
        let columns: DealColumns
        let firstLine: Int
        /// Range `part` is `cuts[part]..<cuts[part + 1]`; each cut is just after a line end.
        let cuts: [Int]

        init?(path: String, threads: Int) throws {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { return nil }
            let size = Int(status.st_size)
            guard let header = ParallelCreditPass.readHeader(descriptor) else { return nil }
            guard Set(header.names).count == header.names.count,
                  DealCSVReader.requiredColumns.allSatisfy(header.names.contains) else { return nil }
            // Quotes anywhere make a worker give up, so a cut never needs to know whether it
            // falls inside a quoted field.
            var cuts = [header.dataStart]
            for part in 1..<threads {
                let target = header.dataStart + (size - header.dataStart) * part / threads
                cuts.append(max(cuts[cuts.count - 1], ParallelCreditPass.nextLineStart(descriptor, from: target, size: size)))
            }
            cuts.append(size)
            self.path = path
            self.cuts = cuts
            columns = DealColumns(header: header.names)
            firstLine = header.firstLine
        }

        /// Runs `body(part, descriptor, start, end)` for every non-empty range, one thread each;
        /// false when the file cannot be opened.
        func inParallel(_ body: (Int, Int32, Int, Int) throws -> Void) throws -> Bool {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var failure: Error?
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: cuts.count - 1) { part in
                do {
                    if cuts[part] < cuts[part + 1] { try body(part, descriptor, cuts[part], cuts[part + 1]) }
                } catch {
                    lock.withLock { failure = error }
                }
            }
            if let failure = failure as? InputFile.Failure { throw CompError.io("\(path): \(failure.message)") }
            if let failure { throw failure }
            return true
        }
    }

    /// The header's column names, where the data starts and its line; nil for a header this pass
    /// leaves to the simple reader (quotes, no line end in the first 64 KiB, not UTF-8).
    private static func readHeader(_ descriptor: Int32) -> (names: [String], dataStart: Int, firstLine: Int)? {
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        bytes.removeSubrange(count...)
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let newline = bytes.firstIndex(of: 0x0A), !bytes[bom..<newline].contains(UInt8(ascii: "\"")) else { return nil }
        var line = bytes[bom..<newline]
        if line.last == 0x0D { line = line.dropLast() }
        guard let text = String(validating: line, as: UTF8.self) else { return nil }
        return (text.split(separator: ",", omittingEmptySubsequences: false).map(String.init), newline + 1, 2)
    }

    /// The offset just after the first line end at or after `offset`.
    private static func nextLineStart(_ descriptor: Int32, from offset: Int, size: Int) -> Int {
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
