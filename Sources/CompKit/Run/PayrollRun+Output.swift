import Foundation

/// The files a run writes (§5), rendered while they are written: each file is hashed for the
/// manifest as its bytes go out, credits.csv in chunks, and the files are made side by side on
/// every core. The manifest comes last, with the others' checksums and the inputs'.
extension PayrollRun {
    /// Writes the run's files into the folder `path`, replacing an earlier one atomically (nothing
    /// changes when anything fails); with `statements`, every participant's statement too.
    public static func write(_ result: Result, to path: String, command: [String], version: String, statements: Bool) throws {
        try OutputFolder.write(to: path) { staging in
            _ = try render(result, command: command, version: version, statements: statements, into: staging.write)
        }
    }

    /// Every file a run writes, in memory, manifest last (tests and small runs).
    public static func outputFiles(_ result: Result, command: [String], version: String,
                                   statements: Bool = false) throws -> [(name: String, bytes: [UInt8])] {
        let files = KeptFiles()
        let names = try render(result, command: command, version: version, statements: statements) { name, body in
            var writer = OutputFileWriter(.memory)
            try body(&writer)
            files.keep(name, writer.kept)
            return writer.manifestEntry(name: name)
        }.names
        return names.map { ($0, files[$0]) }
    }

    /// The manifest a run would write, its files rendered only to be hashed (`comp close` records it).
    public static func manifest(_ result: Result, command: [String], version: String) throws -> [UInt8] {
        try render(result, command: command, version: version, statements: false) { name, body in
            var writer = OutputFileWriter(.checksumOnly)
            try body(&writer)
            return writer.manifestEntry(name: name)
        }.manifest
    }

    /// Writes a file through `body` and returns its manifest entry; may be called from several threads at once.
    typealias FileSink = @Sendable (_ name: String, _ body: (inout OutputFileWriter) throws -> Void) throws -> Manifest.Output

    /// One or more output files made on a thread of their own, with their manifest entries.
    private typealias Piece = @Sendable () throws -> [Manifest.Output]

    /// Renders every file into `sink`, the independent pieces side by side; returns the manifest
    /// and the files' names in its order.
    private static func render(_ result: Result, command: [String], version: String, statements: Bool,
                               into sink: @escaping FileSink) throws -> (manifest: [UInt8], names: [String]) {
        func file(_ name: String, _ bytes: @escaping @Sendable () -> [UInt8]) -> Piece {
            { [try sink(name) { try $0.write(bytes()) }] }
        }
        func files(_ make: @escaping @Sendable () -> [(name: String, bytes: [UInt8])]) -> Piece {
            { try make().map { file in try sink(file.name) { try $0.write(file.bytes) } } }
        }
        let prepared = result.prepared
            ?? OutputPreparation(inputFiles: result.inputFiles, credits: result.totals.runMonthCreditRows, early: nil)
        // Statements come in slices of participants, sixty-four per core so that the cores finish
        // together (the last slice is a fraction of a second of work even at ten million deals),
        // each rendered and written as it is made (never all of them in memory).
        let builder = StatementBuilder(result: result)
        let slices = statements ? 64 * ProcessInfo.processInfo.activeProcessorCount : 0
        func statementSlice(_ slice: Int) -> Piece {
            {
                var files: [Manifest.Output] = []
                var renderer = StatementFiles.Renderer()
                // credits.csv's order, sorted while the pay was worked out, serves the statements too.
                try builder.forEachStatement(slice: slice, of: slices, creditOrder: try prepared.sortedCredits()) { statement in
                    files.append(try renderer.withFile(of: statement) { name, bytes in try sink(name) { try $0.write(bytes) } })
                }
                return files
            }
        }
        // In manifest order.
        let pieces: [Piece] = [
            file("payroll.csv") { PayrollReport.csv(result.payroll, period: result.period) },
            { [try sink("credits.csv") { writer in
                try CreditsReport.write(result.totals.runMonthCreditRows, period: result.period,
                                        order: try prepared.sortedCredits()) { try writer.write($0) }
            }] },
            file("attainment.csv") { AttainmentReport.csv(result.attainment, book: result.book) },
            file("exceptions.csv") {
                ExceptionsReport.csv(result.totals.exceptions + result.finance.exceptions
                                     + result.schedule.forfeits.map { $0.exceptionRow(book: result.book) })
            },
            file("draws.csv") { DrawsReport.csv(book: result.book, schedule: result.schedule) },
            file("forecast_accuracy.csv") { result.finance.forecast.csv() },
            file("variance.csv") { result.finance.variance.csv() },
            files { FinanceSummary(result).files },
        ] + (0..<slices).map(statementSlice)
        let outputs = SideBySide<[Manifest.Output]>()
        // As many at once as there are cores: credits.csv (the largest file) first, the statements
        // (made in small slices) last, so that no core waits for another at the end.
        let order = [1] + pieces.indices.filter { $0 != 1 }
        DispatchQueue.concurrentPerform(iterations: pieces.count) { turn in
            outputs.finish(order[turn]) { try pieces[order[turn]]() }
        }
        let written = try outputs.results(count: pieces.count).flatMap { $0 }
        let manifest = Manifest(
            tool: "comp", version: version, command: command, period: result.period.description, generatedAt: Manifest.now(),
            inputs: try prepared.inputEntries(), rowCounts: result.dealCounts, outputs: written)
        let json = manifest.json()
        _ = try sink("manifest.json") { try $0.write(json) }
        return (json, written.map(\.file) + ["manifest.json"])
    }

    /// Results of work done on several threads, by number; the first failure by number is thrown.
    private final class SideBySide<Value>: @unchecked Sendable {
        // @unchecked: `finished` is read and written under `lock` only.
        private let lock = NSLock()
        private var finished: [Int: Swift.Result<Value, Error>] = [:]

        func finish(_ number: Int, _ work: () throws -> Value) {
            let outcome = Swift.Result { try work() }
            lock.withLock { finished[number] = outcome }
        }

        func results(count: Int) throws -> [Value] {
            try lock.withLock { try (0..<count).map { try finished[$0]!.get() } }
        }
    }

    /// The files `outputFiles` keeps, by name.
    private final class KeptFiles: @unchecked Sendable {
        // @unchecked: `files` is read and written under `lock` only.
        private let lock = NSLock()
        private var files: [String: [UInt8]] = [:]

        func keep(_ name: String, _ bytes: [UInt8]) { lock.withLock { files[name] = bytes } }

        subscript(name: String) -> [UInt8] { lock.withLock { files[name] ?? [] } }
    }
}
