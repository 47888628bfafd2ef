#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every fuzz target shares: a scratch folder for the input (the readers take paths, as comp
/// does), and the invariants every reader result must keep whatever the bytes were.
///
/// A broken invariant stops the process with `fatalError`, which libFuzzer reports as a crash and
/// saves the input for.
enum Fuzz {
    /// A per-process folder in memory (`/dev/shm`, else `$TMPDIR` or `/tmp`): writing each input to
    /// a disk-backed folder would cost more than reading it.
    static let folder: String = {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp")
        let path = "\(base)/comp-fuzz-\(getpid())"
        mkdir(path, 0o700)
        atexit { Fuzz.removeFolder() }
        return path
    }()

    /// The participants the deal targets know; the seeds use these ids.
    static let participantIDs: Set<String> = Set(["R1", "R2", "R3", "M1", "M01", "M02"] + (1...11).map { "R\(String(1000 + $0).dropFirst())" })

    /// Writes `bytes` to `name` in the scratch folder and returns its path.
    static func file(_ name: String, _ bytes: UnsafeRawBufferPointer) -> String {
        let path = "\(folder)/\(name)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot write \(path)")
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            precondition(written > 0, "cannot write \(path)")
            offset += written
        }
        return path
    }

    /// Whether a file exists.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Empties the scratch folder's `out/`, where the import target writes.
    static func removeOutput() {
        for name in ["deals.csv", "pipeline.csv"] { unlink("\(folder)/out/\(name)") }
    }

    /// Fails (a crash for libFuzzer) when `condition` does not hold.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }

    /// Every diagnostic names one of the files read, the file as a whole or a line inside it (one
    /// past the last line: its end) and, for a field, a column from 1, with a short message.
    static func checkDiagnostics(_ log: DiagnosticLog, files: [(path: String, lines: Int)]) {
        for diagnostic in log.diagnostics {
            let location = diagnostic.location
            guard let file = files.first(where: { $0.path == location.file }) else {
                fatalError("invariant broken: a diagnostic names \(location.file), not an input: \(diagnostic)")
            }
            switch location.position {
            case .wholeFile:
                break
            case .wholeLine(let line):
                require(line >= 1 && line <= file.lines + 1, "line out of range (\(file.lines) lines): \(diagnostic)")
            case .field(let line, let column):
                require(line >= 1 && line <= file.lines + 1, "line out of range (\(file.lines) lines): \(diagnostic)")
                require(column >= 1, "column below 1: \(diagnostic)")
            }
            require(!diagnostic.message.isEmpty, "empty message at \(location)")
            require(!diagnostic.message.contains(where: \.isNewline), "a message spans lines: \(diagnostic)")
            require(diagnostic.message.count <= Diagnostic.maxMessageCharacters + 1, "a message of \(diagnostic.message.count) characters")
        }
    }

    /// The number of lines of a text (a last line without newline counts).
    static func lineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var lines = 0
        for byte in bytes where byte == 0x0A { lines += 1 }
        return lines + (bytes.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
    }

    /// Credits one deals file the way a run does (every deal checked and credited, then the
    /// duplicate-id check) under a plan of `participantIDs`, and checks the result: every credit
    /// of the month belongs to a participant and a row that was read, and every diagnostic points
    /// into the file.
    static func creditDeals(_ bytes: UnsafeRawBufferPointer, name: String) {
        let path = file(name, bytes)
        let log = DiagnosticLog()
        let start = CalendarDate(year: 2026, month: 1, day: 1)!
        let people = participantIDs.sorted().map {
            ParticipantEntry(id: $0, name: $0, start: start, end: nil, managerID: $0 == "M1" ? nil : "M1", baseSalaryAnnual: .zero, quotas: [:])
        }
        let table = RateTable(method: .graduated, basis: .amount, tiers: [RateTable.Tier(from: .zero, rate: ExactDecimal(mantissa: 1, scale: 1))])
        let plan = Plan(id: "P", name: "P", currency: Currency(code: "USD")!, yearStart: start, quotaPeriod: .quarter,
                        components: [Component(id: "own", filter: DealFilter(types: nil, products: nil), creditFrom: .own, rateTable: table, cap: nil, bonuses: []),
                                     Component(id: "team", filter: DealFilter(types: nil, products: nil), creditFrom: .team, rateTable: table, cap: nil, bonuses: [])],
                        spiffs: [], draw: nil, clawback: Clawback(windowDays: 90), participants: people)
        let book = PlanBook(plans: [plan], runMonth: YearMonth(year: 2026, month: 3))
        do {
            // A small id filter: many false alarms, so the exact check runs too.
            let outcome = try CreditPass.run(paths: [path], book: book, fx: FXTable(), log: log, idFilterLog2Words: 8)
            let rows = try outcome.totals.runMonthCredits()
            require(outcome.won + outcome.cancelled <= outcome.rowsPerFile.reduce(0, +), "more deals than rows")
            for row in rows {
                require(participantIDs.contains(row.repID), "a credit for \(row.repID), no participant")
                require(row.creditDate.yearMonth == book.runMonth, "a credit of \(row.creditDate) in credits.csv of 2026-03")
                require(row.percent > .zero && row.percent <= ExactDecimal(100), "a share of \(row.percent) %")
            }
        } catch {
            fatalError("invariant broken: reading a file that exists threw \(error)")
        }
        checkDiagnostics(log, files: [(path, lineCount(bytes))])
    }

    private static func removeFolder() {
        if let directory = opendir(folder) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { unlink("\(folder)/\(name)") }
            }
            closedir(directory)
        }
        rmdir(folder)
    }
}
