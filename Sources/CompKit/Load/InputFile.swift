import Foundation

/// Reading input files whole (plans, small CSVs) with a size limit.
enum InputFile {
    /// The most records one input file may hold: CSV data rows, or `<deal>` elements of a deals
    /// XML file (docs/RELIABILITY.md). Ten times the largest volume comp is built for, and a clear
    /// error long before a run's memory would run out.
    static let maxRecords = 100_000_000

    struct Failure: Error {
        let message: String

        /// A read of an open input that failed, with the system's reason (`errno` as the read left it).
        static var reading: Failure { Failure(message: "reading failed: \(String(cString: strerror(errno)))") }
    }

    /// Opens the file to read; fails saying why not: not found, or the system's reason.
    static func open(_ path: String) throws -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(message: errno == ENOENT ? "file not found" : "cannot open the file: \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    /// The file's bytes; fails with a readable message when missing, unreadable or over `limit` bytes.
    static func readAll(path: String, limit: Int) throws -> [UInt8] {
        let handle = FileHandle(fileDescriptor: try open(path), closeOnDealloc: true)
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        guard size <= limit else {
            throw Failure(message: "file is \(size) bytes, more than the limit of \(limit) bytes")
        }
        try handle.seek(toOffset: 0)
        let data = try handle.readToEnd() ?? Data()
        return [UInt8](data)
    }

    /// The file's size in bytes, 0 when it cannot be looked up: for sizing work (which file to
    /// start first, how large a filter), never for what a run computes.
    static func size(of path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
