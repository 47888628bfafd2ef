import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file written beside its target under a temporary name and renamed into place only when it
/// is complete, so that a failed command leaves the earlier file as it was (`comp import`,
/// `comp export`). Several files go into place together with `StagedFile.commit(_:)`.
final class StagedFile {
    let target: String
    private let temporary: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []

    /// Creates the temporary file (and the target's folder); throws `CompError.io` when it cannot.
    /// `part` tells apart the pieces of one target written side by side (`append(contentsOf:)`).
    init(target: String, part: Int = 0) throws {
        self.target = target
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent()
        temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())" + (part > 0 ? "-\(part)" : "")).path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CompError.io(IOFailure(.createFolder, folder.path, reason: error.localizedDescription))
        }
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CompError.io(.lastSystemError(.write, target)) }
        buffer.reserveCapacity(StagedFile.bufferSize)
    }

    deinit { discard() }

    private static let bufferSize = 1 << 20

    /// Appends bytes; written out a mebibyte at a time.
    func append<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= StagedFile.bufferSize { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw CompError.io(.lastSystemError(.write, target))
            }
            offset += written
        }
    }

    /// Appends what `other` holds, then removes it: the pieces of a file written on several cores,
    /// joined in order.
    func append(contentsOf other: StagedFile) throws {
        try other.flush()
        let source = open(other.temporary, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw CompError.io(.lastSystemError(.read, other.temporary)) }
        defer {
            close(source)
            other.discard()
        }
        // Straight from one file to the other inside the kernel, after this file's buffer.
        try flush()
        while true {
            let count = sendfile(descriptor, source, nil, 1 << 30)
            if count < 0 {
                if errno == EINTR { continue }
                throw CompError.io(.lastSystemError(.write, target))
            }
            if count == 0 { return }
        }
    }

    /// Writes what is buffered and closes the file, durably.
    private func finish() throws {
        try flush()
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            throw CompError.io(.lastSystemError(.write, target))
        }
        descriptor = -1
    }

    /// Removes the temporary file; the target stays as it was.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        _ = unlink(temporary)
    }

    /// Puts every file in place, or none: when a rename fails, the targets already replaced get
    /// their earlier contents back (or are removed when there was none).
    static func commit(_ files: [StagedFile]) throws {
        for file in files { try file.finish() }
        var replaced: [(file: StagedFile, backup: String?)] = []
        for file in files {
            let backup = file.temporary + ".previous"
            let hadTarget = link(file.target, backup) == 0
            guard rename(file.temporary, file.target) == 0 else {
                let reason = String(cString: strerror(errno))
                if hadTarget { _ = unlink(backup) }
                for earlier in replaced.reversed() {
                    if let previous = earlier.backup { _ = rename(previous, earlier.file.target) } else { _ = unlink(earlier.file.target) }
                }
                for file in files { file.discard() }
                throw CompError.io(IOFailure(.write, file.target, reason: reason))
            }
            replaced.append((file, hadTarget ? backup : nil))
        }
        for entry in replaced { if let backup = entry.backup { _ = unlink(backup) } }
    }
}
