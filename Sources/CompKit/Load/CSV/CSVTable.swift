#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV input with a header row (§2.2 and §7): column names in any order, unknown columns ignored,
/// every row as wide as the header. comp's own inputs match names exactly; CRM exports (§8) match
/// them whatever their case.
final class CSVTable {
    /// How header names are matched.
    enum HeaderNames {
        /// Exact and case-sensitive: comp's own files.
        case exact
        /// Whatever the ASCII case: `Amount`, `amount` and `AMOUNT` are one column (CRM exports).
        case anyCase

        func key(_ name: String) -> String { self == .exact ? name : name.lowercased() }
    }

    let path: String
    private let reader: CSVReader
    private let headerNames: HeaderNames
    private var columns: [String: Int] = [:]
    /// The number of columns of the header.
    private(set) var width = 0
    /// The records before the data rows: the header, unless the table continues another's.
    private var headerRows = 1

    /// Opens the file and reads its header; logs and returns nil when the file cannot be read or
    /// a required column is missing. With `end`, the rows stop there (`CSVRanges`).
    init?(path: String, required: [String], headerNames: HeaderNames = .exact, end: Int? = nil, log: DiagnosticLog) {
        self.path = path
        self.headerNames = headerNames
        do {
            reader = try CSVReader(path: path, chunkSize: CSVTable.chunkSize(forFileAt: path), range: end.map { 0..<$0 })
        } catch let failure as InputFile.Failure {
            log.error(.wholeFile(path), failure.message)
            return nil
        } catch {
            return nil
        }
        do {
            guard try reader.next() else {
                log.error(.wholeLine(path, 1), "the file is empty; a header row is needed (\(required.joined(separator: ",")))")
                return nil
            }
        } catch {
            CSVTable.log(error, path: path, log: log)
            return nil
        }
        width = reader.fieldCount
        for index in 0..<width {
            guard let name = String(validating: reader.field(index), as: UTF8.self) else {
                log.error(file: path, line: reader.recordLine, column: index + 1, "a header name is not valid UTF-8")
                return nil
            }
            if columns[headerNames.key(name)] != nil {
                log.error(file: path, line: reader.recordLine, column: index + 1, "column '\(name)' appears twice in the header")
            }
            columns[headerNames.key(name)] = index
        }
        let missing = required.filter { column($0) == nil }
        if !missing.isEmpty {
            log.error(.wholeLine(path, reader.recordLine),
                      "missing required column\(missing.count > 1 ? "s" : ""): \(missing.joined(separator: ", "))"
                          + (headerNames == .exact ? " (header names are exact and case-sensitive)" : ""))
            return nil
        }
    }

    /// The rows of `range` of the same file, whose first row starts on `line`, read with this
    /// table's header (`CSVRanges`); throws `InputFile.Failure` when the file cannot be read.
    init(continuing table: CSVTable, range: Range<Int>, line: Int) throws {
        path = table.path
        headerNames = table.headerNames
        columns = table.columns
        width = table.width
        reader = try CSVReader(path: path, range: range, line: line)
        headerRows = 0
    }

    /// The position of a column, nil when the file does not have it.
    func column(_ name: String) -> Int? { columns[headerNames.key(name)] }

    /// The position of the first of `names` the file has (a property's internal name or its label).
    func column(anyOf names: [String]) -> Int? { names.lazy.compactMap(column).first }

    /// The line on which the current row starts.
    var line: Int { reader.recordLine }

    /// How many data rows have been read.
    var rowCount: Int { reader.recordCount - headerRows }

    /// The bytes of a field of the current row; valid until the next row.
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> { reader.field(index) }

    /// Calls `body` for every data row as wide as the header; logs the others and malformed CSV,
    /// and stops with an error past `maxRows` rows. Throws `CompError.io` when the file cannot be
    /// read to its end.
    func forEachRow(log: DiagnosticLog, maxRows: Int = InputFile.maxRecords, _ body: () -> Void) throws {
        while true {
            do {
                guard try reader.next() else { return }
            } catch let failure as InputFile.Failure {
                throw CompError.io(IOFailure(.read, path, reason: failure.message))
            } catch {
                CSVTable.log(error, path: path, log: log)
                return
            }
            guard rowCount <= maxRows else {
                log.error(.wholeLine(path, reader.recordLine),
                          "the file has more than \(maxRows) data rows, the most comp reads from one file (split it)")
                return
            }
            guard reader.fieldCount == width else {
                log.error(.wholeLine(path, reader.recordLine),
                          "this row has \(reader.fieldCount) fields, the header has \(width)")
                continue
            }
            body()
        }
    }

    /// The read buffer: 1 MiB, or as small as the file (fx.csv and the like are a few kilobytes).
    static func chunkSize(forFileAt path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 1 << 20 }
        return Int(min(Int64(1 << 20), max(Int64(4096), Int64(info.st_size) + 1)))
    }

    private static func log(_ error: Error, path: String, log: DiagnosticLog) {
        if let format = error as? CSVReader.FormatError {
            log.error(file: path, line: format.line, column: format.field, format.message)
        } else if let failure = error as? InputFile.Failure {
            log.error(.wholeFile(path), failure.message)
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes as a Swift string (invalid UTF-8 is replaced; callers that keep ids check first).
    var string: String { String(decoding: self, as: UTF8.self) }

    /// Whether the bytes spell exactly `text`.
    func equals(_ text: StaticString) -> Bool {
        count == text.utf8CodeUnitCount && elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
