import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The run month's credit rows as the credit pass keeps them: at ten million deals they are
/// millions, so each worker writes them to an unlinked temporary file in blocks, split into
/// partitions that are consecutive ranges of credits.csv's order (`CreditPartitions`). Memory then
/// holds one partition at a time, which is sorted and rendered on its own: peak memory does not
/// grow with the number of deals. The rows a worker still holds at the end stay in memory when
/// they are few (`Writer`'s `heldBytesLimit`): a small run writes no temporary file at all.
struct CompactCredits: Sendable {
    /// How many partitions the rows are split into.
    static let partitionCount = 256

    struct Share {
        /// The deal amount's mantissa in two words (deal amounts reach 21 digits), `amountScale` of them decimals.
        private var amountLow: UInt64
        private var amountHigh: Int64
        /// `CreditIndex.rateKey`, or -1 for a rate of 1.
        var rateKey: Int
        var idStart: Int32
        var idLength: Int32
        /// The percent in hundredths (deals give it with at most 2 decimals).
        var percentHundredths: Int32
        /// The deal's type and product as `CreditIndex.tokenPair`: which SPIFFs it matches.
        var tokenPair: Int32
        /// The rep number of the split share credited: a roll-up copy's team member is found from it.
        var creditedRep: Int32
        var currency: Int16
        private var amountScale: UInt8

        init(amount: ExactDecimal, currency: Int16, rateKey: Int, percent: ExactDecimal, tokenPair: Int, creditedRep: Int32,
             idStart: Int32, idLength: Int32) {
            self.tokenPair = Int32(tokenPair)
            self.creditedRep = creditedRep
            amountLow = UInt64(truncatingIfNeeded: amount.mantissa)
            amountHigh = Int64(truncatingIfNeeded: amount.mantissa >> 64)
            amountScale = UInt8(amount.scale)
            self.currency = currency
            self.rateKey = rateKey
            percentHundredths = Int32(percent.rounded(toScale: 2).mantissa)
            self.idStart = idStart
            self.idLength = idLength
        }

        var amount: ExactDecimal {
            ExactDecimal(mantissa: Int128(amountHigh) << 64 | Int128(amountLow), scale: Int(amountScale))
        }

        var percent: ExactDecimal { ExactDecimal(mantissa: Int128(percentHundredths), scale: 2) }

        /// The deal amount's digits with `decimals` decimals, and its sign, when that needs no
        /// rounding and fits 64 bits (nearly always): credits.csv writes them without `ExactDecimal`.
        @inline(__always)
        func amountDigits(decimals: Int) -> (magnitude: UInt64, negative: Bool)? {
            let low = Int64(bitPattern: amountLow)
            guard amountHigh == low >> 63, Int(amountScale) <= decimals, decimals - Int(amountScale) <= 18 else { return nil }
            var magnitude = low.magnitude
            for _ in Int(amountScale)..<decimals {
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                magnitude = product
            }
            return (magnitude, low < 0)
        }
    }

    struct Row {
        /// In the plan currency's minor unit.
        var credit: Int64
        var share: Int32
        var rep: Int32
        var day: Int32
        var plan: Int16
        /// -1 when no component matched.
        var component: Int16
        var kind: CreditTotals.CreditRow.Kind
        /// The row's number in its worker's rows: `RunMonthCredits.rows` gives them in file order.
        var sequence: UInt32

        init(share: Int32, rep: Int32, plan: Int16, component: Int16, kind: CreditTotals.CreditRow.Kind, day: Int32, credit: Int64,
             sequence: UInt32) {
            self.credit = credit
            self.sequence = sequence
            self.share = share
            self.rep = rep
            self.day = day
            self.plan = plan
            self.component = component
            self.kind = kind
        }
    }

    /// One partition's rows in memory (or a worker's rows of one partition not yet written):
    /// 40 bytes per deal share and 32 per row pointing at it, with the ids' bytes.
    struct Partition {
        var shares: [Share] = []
        var rows: [Row] = []
        var idBytes: [UInt8] = []

        var byteCount: Int { block(at: 0).byteCount }

        /// Starts loading the row at `position` (a hint: nothing changes). Rows read in credits.csv's
        /// order lie anywhere in the partition.
        @inline(__always)
        func prefetchRow(at position: Int) {
            rows.prefetch(at: position)
        }

        /// Starts loading the share of the row at `position`, which should be loaded by now.
        @inline(__always)
        func prefetchShare(ofRowAt position: Int) {
            shares.prefetch(at: Int(rows[position].share))
        }

        /// Where these rows lie when written at `offset` of a worker's file.
        func block(at offset: Int) -> Block {
            Block(offset: offset, rows: rows.count, shares: shares.count, idBytes: idBytes.count)
        }

        /// Appends `other`'s rows, their shares and ids moved after the ones held.
        mutating func append(_ other: Partition) {
            append(rows: other.rows, shares: other.shares, idBytes: other.idBytes)
        }

        /// Appends rows whose share numbers count from the first of `newShares`, and whose shares'
        /// ids start in `newIDBytes`: both are moved after the ones held. (Copied as they are, then
        /// renumbered in place: arrays are copied whole.)
        mutating func append<Rows: Sequence<Row>, Shares: Sequence<Share>, IDBytes: Sequence<UInt8>>(
            rows newRows: Rows, shares newShares: Shares, idBytes newIDBytes: IDBytes
        ) {
            let (firstRow, firstShare, firstIDByte) = (rows.count, shares.count, idBytes.count)
            rows += newRows
            shares += newShares
            idBytes += newIDBytes
            if firstShare > 0 {
                rows.withUnsafeMutableBufferPointer { rows in
                    for index in firstRow..<rows.count { rows[index].share += Int32(firstShare) }
                }
            }
            if firstIDByte > 0 {
                shares.withUnsafeMutableBufferPointer { shares in
                    for index in firstShare..<shares.count { shares[index].idStart += Int32(firstIDByte) }
                }
            }
        }

        func dealID(of row: Row) -> UnsafeBufferPointer<UInt8> {
            let share = shares[Int(row.share)]
            return idBytes.withUnsafeBufferPointer {
                UnsafeBufferPointer(rebasing: $0[Int(share.idStart)..<Int(share.idStart + share.idLength)])
            }
        }
    }

    /// Where a worker's file holds a block of one partition: its rows, then shares, then id bytes.
    struct Block {
        var offset: Int
        var rows: Int
        var shares: Int
        var idBytes: Int

        var byteCount: Int { rows * MemoryLayout<Row>.stride + shares * MemoryLayout<Share>.stride + idBytes }
    }

    /// One worker's unlinked temporary file, closed (and so removed) when the last store using it goes.
    final class SpillFile: @unchecked Sendable {
        // @unchecked: written by its one worker during the credit pass; afterwards only read
        // (`pread` at recorded offsets), from any thread.
        let descriptor: Int32
        /// Blocks by partition, in the order they were written.
        var blocks = [[Block]](repeating: [], count: CompactCredits.partitionCount)
        private(set) var size = 0

        /// Where the file is (for the errors; it has no name once made).
        private let folder = FileManager.default.temporaryDirectory.path

        init() throws {
            var template = Array((folder + "/comp-credits-XXXXXX").utf8CString)
            descriptor = mkstemp(&template)
            guard descriptor >= 0 else {
                throw CompError.io(.lastSystemError(.keepCredits, folder))
            }
            // Unlinked at once: the file goes when it is closed, however the run ends.
            unlink(template)
        }

        deinit { close(descriptor) }

        /// Appends `partition`'s rows as a block of partition `number`.
        func write(_ partition: Partition, number: Int) throws {
            let block = partition.block(at: size)
            try partition.rows.withUnsafeBytes { try append($0) }
            try partition.shares.withUnsafeBytes { try append($0) }
            try partition.idBytes.withUnsafeBytes { try append($0) }
            blocks[number].append(block)
        }

        private func append(_ bytes: UnsafeRawBufferPointer) throws {
            var done = 0
            while done < bytes.count {
                let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(size + done))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    throw CompError.io(.lastSystemError(.keepCredits, folder))
                }
                done += written
            }
            size += done
        }

        /// Appends the block's rows to `partition`, their shares and ids moved after the ones it
        /// holds; `bytes` is room to read the block into, kept from one block to the next.
        func read(_ block: Block, into partition: inout Partition, bytes: inout [UInt8]) throws {
            if bytes.count < block.byteCount { bytes = [UInt8](repeating: 0, count: block.byteCount) }
            try bytes.withUnsafeMutableBytes { buffer in
                let buffer = UnsafeMutableRawBufferPointer(rebasing: buffer[..<block.byteCount])
                var done = 0
                while done < buffer.count {
                    let read = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(block.offset + done))
                    if read < 0 && errno == EINTR { continue }
                    guard read > 0 else {
                        throw CompError.io(read < 0 ? .lastSystemError(.keepCredits, folder) : IOFailure(.keepCredits, folder, reason: "it ended early"))
                    }
                    done += read
                }
            }
            bytes.withUnsafeBytes { buffer in
                let sharesStart = block.rows * MemoryLayout<Row>.stride
                let idsStart = sharesStart + block.shares * MemoryLayout<Share>.stride
                partition.append(
                    rows: (0..<block.rows).lazy.map { buffer.loadUnaligned(fromByteOffset: $0 * MemoryLayout<Row>.stride, as: Row.self) },
                    shares: (0..<block.shares).lazy.map {
                        buffer.loadUnaligned(fromByteOffset: sharesStart + $0 * MemoryLayout<Share>.stride, as: Share.self)
                    },
                    idBytes: buffer[idsStart..<block.byteCount])
            }
        }
    }

    /// Count and sum (in the plan currency's minor unit) of the own credits or chargebacks of one plan, once per share.
    struct PostedTally {
        var count = 0
        var total: Int128 = 0
    }

    /// One worker's rows: the blocks it wrote to its file, then, by partition, the rows it still held at the end.
    struct WorkerRows {
        let file: SpillFile?
        /// By partition number; empty when every row is in the file.
        let held: [Partition]
    }

    /// The workers' rows, in file order (first file's first worker first).
    private(set) var workers: [WorkerRows] = []
    /// Rows per partition.
    private(set) var rowCounts = [Int](repeating: 0, count: CompactCredits.partitionCount)
    /// The longest deal id's length.
    private(set) var longestID = 0
    /// By `CreditTotals.CreditRow.Kind.rawValue` (every kind but roll-ups), then plan.
    private(set) var posted: [[PostedTally]] = []
    /// How the rows were split into partitions, nil before a writer filled the store (it depends
    /// on the index only, so every worker's is the same).
    private(set) var partitions: CreditPartitions?

    var count: Int { rowCounts.reduce(0, +) }

    /// Adds another store's rows after these (file order is kept: first worker first).
    mutating func append(_ other: CompactCredits) {
        workers += other.workers
        for number in rowCounts.indices { rowCounts[number] += other.rowCounts[number] }
        longestID = max(longestID, other.longestID)
        if partitions == nil { partitions = other.partitions }
        if posted.isEmpty { posted = other.posted } else {
            for kind in other.posted.indices {
                for plan in other.posted[kind].indices {
                    posted[kind][plan].count += other.posted[kind][plan].count
                    posted[kind][plan].total += other.posted[kind][plan].total
                }
            }
        }
    }

    /// Partition `number`'s rows: every worker's in file order (or those of the worker `only`).
    func partition(_ number: Int, worker only: Int? = nil) throws -> Partition {
        let workers = only.map { [self.workers[$0]] } ?? self.workers
        let blocks = workers.flatMap { $0.file?.blocks[number] ?? [] }
        let held = workers.compactMap { $0.held.isEmpty ? nil : $0.held[number] }
        var partition = Partition()
        partition.rows.reserveCapacity(blocks.reduce(0) { $0 + $1.rows } + held.reduce(0) { $0 + $1.rows.count })
        partition.shares.reserveCapacity(blocks.reduce(0) { $0 + $1.shares } + held.reduce(0) { $0 + $1.shares.count })
        partition.idBytes.reserveCapacity(blocks.reduce(0) { $0 + $1.idBytes } + held.reduce(0) { $0 + $1.idBytes.count })
        var bytes: [UInt8] = []
        for worker in workers {
            if let file = worker.file {
                for block in file.blocks[number] { try file.read(block, into: &partition, bytes: &bytes) }
            }
            if !worker.held.isEmpty { partition.append(worker.held[number]) }
        }
        return partition
    }

    /// Collects one worker's rows by partition and writes each partition's in blocks of
    /// `blockRows` rows; the rows of one `post` call share one share record per partition.
    struct Writer {
        private let partitions: CreditPartitions
        private var buffers = [Partition](repeating: Partition(), count: CompactCredits.partitionCount)
        /// The post each buffer's last share belongs to.
        private var lastPost = [Int](repeating: -1, count: CompactCredits.partitionCount)
        private var post = 0
        private var lastCountedPost = -1
        private var rowsWritten: UInt32 = 0
        private let blockRows: Int
        /// Rows still held at the end stay in memory up to this many bytes; more are written like
        /// the others, so that memory does not grow with the partitions.
        private let heldBytesLimit: Int
        private var store = CompactCredits()
        private var file: SpillFile?
        /// The first write that failed; the pass reports it when it takes the rows.
        private var failure: Error?

        /// The default keeps up to 2 MiB (some 20 000 rows) in memory.
        init(index: CreditIndex, blockRows: Int = 512, heldBytesLimit: Int = 2 << 20) {
            partitions = CreditPartitions(index: index)
            self.blockRows = blockRows
            self.heldBytesLimit = heldBytesLimit
            store.posted = [[PostedTally]](repeating: [PostedTally](repeating: PostedTally(), count: index.plans.count),
                                          count: CreditTotals.CreditRow.Kind.rollup.rawValue)
        }

        /// Starts a new share: the rows added until the next call belong to it.
        mutating func startShare() { post += 1 }

        /// Adds a row of the current share; `share` makes its record the first time a partition needs it.
        mutating func add(kind: CreditTotals.CreditRow.Kind, rep: Int32, plan: Int16, component: Int16, day: Int32, credit: Int64,
                          id: UnsafeBufferPointer<UInt8>, share: () -> Share) {
            let number = partitions.partition(rep: rep, plan: plan, component: component, day: day)
            if lastPost[number] != post {
                lastPost[number] = post
                var record = share()
                record.idStart = Int32(buffers[number].idBytes.count)
                record.idLength = Int32(id.count)
                buffers[number].shares.append(record)
                buffers[number].idBytes.append(contentsOf: id)
                store.longestID = max(store.longestID, id.count)
            }
            // A share's own rows all have its credit: counted once.
            if kind != .rollup && lastCountedPost != post {
                lastCountedPost = post
                store.posted[kind.rawValue][Int(plan)].count += 1
                store.posted[kind.rawValue][Int(plan)].total += Int128(credit)
            }
            buffers[number].rows.append(Row(share: Int32(buffers[number].shares.count - 1), rep: rep, plan: plan, component: component,
                                            kind: kind, day: day, credit: credit, sequence: rowsWritten))
            rowsWritten += 1
            store.rowCounts[number] += 1
            if buffers[number].rows.count >= blockRows { flush(number) }
        }

        private mutating func flush(_ number: Int) {
            defer {
                buffers[number].rows.removeAll(keepingCapacity: true)
                buffers[number].shares.removeAll(keepingCapacity: true)
                buffers[number].idBytes.removeAll(keepingCapacity: true)
                lastPost[number] = -1
            }
            guard failure == nil, !buffers[number].rows.isEmpty else { return }
            do {
                if file == nil { file = try SpillFile() }
                try file!.write(buffers[number], number: number)
            } catch {
                failure = error
            }
        }

        /// Hands the rows over, those still held written first when they are many; throws
        /// `CompError.io` when a write failed.
        mutating func finish() throws -> CompactCredits {
            let heldBytes = buffers.reduce(0) { $0 + $1.byteCount }
            let keepsHeld = heldBytes > 0 && heldBytes <= heldBytesLimit
            if !keepsHeld { for number in buffers.indices { flush(number) } }
            if let failure { throw failure }
            if file != nil || keepsHeld { store.workers = [WorkerRows(file: file, held: keepsHeld ? buffers : [])] }
            store.partitions = partitions
            return store
        }
    }
}
