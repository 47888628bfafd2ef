import Crypto
import Foundation

/// One output file being written: its bytes go to the file (or are kept in memory, or only
/// counted) and into its SHA-256 as they come, so that no file has to be whole in memory for the
/// manifest's checksum.
public struct OutputFileWriter {
    enum Destination {
        /// An open file, written with `write(2)`; its owner closes it.
        case file(Int32)
        /// Kept in `kept` (tests, small runs).
        case memory
        /// Only the size and checksum (`comp close` stores the manifest, not the files).
        case checksumOnly
    }

    private let destination: Destination
    private var hasher = SHA256()
    private var size = 0
    /// What was written, with the `memory` destination.
    private(set) var kept: [UInt8] = []

    init(_ destination: Destination) {
        self.destination = destination
    }

    /// Appends `chunk` to the file; throws the system's `POSIXError` when writing fails.
    public mutating func write(_ chunk: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: chunk)
        size += chunk.count
        switch destination {
        case .file(let descriptor):
            var rest = chunk
            while let base = rest.baseAddress, !rest.isEmpty {
                let written = Glibc.write(descriptor, base, rest.count)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                rest = UnsafeRawBufferPointer(rebasing: rest[written...])
            }
        case .memory:
            kept.append(contentsOf: chunk)
        case .checksumOnly:
            break
        }
    }

    /// Appends `bytes` to the file.
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// The file's entry in the manifest: its name, size and SHA-256 so far.
    func manifestEntry(name: String) -> Manifest.Output {
        Manifest.Output(file: name, bytes: size, sha256: Manifest.hex(hasher.finalize()))
    }
}
