import CPlatform
import Foundation

/// Writes a run's files all or nothing (§5): into a temporary folder beside the target, then
/// renamed into place in one step, so a failed run leaves any earlier output untouched.
public enum OutputFolder {
    /// Makes the folder `path` of what `fill` writes into the temporary folder, replacing an earlier
    /// folder atomically once `fill` returns. When anything fails, the temporary folder is removed
    /// and the error thrown (`CompError.io` for writing), leaving everything as it was.
    public static func write(to path: String, _ fill: (Staging) throws -> Void) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw CompError.io(IOFailure(.createFolder, parent.path, reason: reason(error)))
        }
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: temporary)
        removeStaleTemporaries(of: target)
        do {
            do {
                try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            } catch {
                throw CompError.io(IOFailure(.writeOutputIn, parent.path, reason: reason(error)))
            }
            try fill(Staging(folder: temporary, parent: parent))
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
        try moveIntoPlace(temporary, target)
    }

    /// The temporary folder of a run being written. Files may be written from several threads at once.
    public final class Staging: @unchecked Sendable {
        // @unchecked: the counters and the open folders are read and written under `lock` only;
        // the rest is set in `init`.
        /// The temporary folder's path.
        private let folderPath: String
        /// The output's parent folder, named in error messages.
        private let parent: URL
        private let lock = NSLock()
        private var started = 0, finished = 0
        /// The folder ("") and the subfolders made so far (`statements`), each open once: a file is
        /// opened relative to its folder, not by a path looked up again, component by component.
        private var folders: [String: Int32] = [:]

        fileprivate init(folder: URL, parent: URL) {
            folderPath = folder.path
            self.parent = parent
        }

        deinit {
            for descriptor in folders.values { close(descriptor) }
        }

        /// The open folder `name` ("" for the folder itself), made first if need be.
        private func folder(_ name: String) throws -> Int32 {
            try lock.withLock {
                if let descriptor = folders[name] { return descriptor }
                let path = name.isEmpty ? folderPath : folderPath + "/" + name
                if !name.isEmpty { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
                let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                folders[name] = descriptor
                return descriptor
            }
        }

        /// Writes the file `name` (a path inside the folder) with what `body` hands its writer; returns
        /// the file's manifest entry. A failure to write is a `CompError.io` naming the system's reason.
        public func write(_ name: String, _ body: (inout OutputFileWriter) throws -> Void) throws -> Manifest.Output {
            let step = lock.withLock {
                started += 1
                return started
            }
            do {
                // The folder as a whole is swapped in at the end: each file needs no atomic write
                // of its own (which would cost a temporary file and an fsync per statement).
                let slash = name.lastIndex(of: "/")
                let folder = try self.folder(slash.map { String(name[..<$0]) } ?? "")
                let fileName = slash.map { String(name[name.index(after: $0)...]) } ?? name
                if let failure = FaultInjection.injectedFailure("output-write", step: step) { throw failure }
                let descriptor = openat(folder, fileName, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                var writer = OutputFileWriter(.file(descriptor))
                do {
                    try body(&writer)
                } catch {
                    close(descriptor)
                    throw error
                }
                guard close(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                FaultInjection.checkpoint("output-write", step: lock.withLock {
                    finished += 1
                    return finished
                })
                return writer.manifestEntry(name: name)
            } catch let error as CompError {
                throw error
            } catch {
                throw CompError.io(IOFailure(.writeOutputIn, parent.path, reason: OutputFolder.reason(error)))
            }
        }
    }

    /// Puts the finished folder at `target`: swapped in atomically when one exists already.
    private static func moveIntoPlace(_ temporary: URL, _ target: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                try? manager.removeItem(at: temporary)
                throw CompError.io(IOFailure(.replace, target.path, reason: "it exists and is not a folder; comp will not replace it"))
            }
            if comp_rename_exchange(temporary.path, target.path) == 0 {
                try? manager.removeItem(at: temporary)  // now holds the earlier output
                return
            }
            // No atomic exchange on this file system: set the old folder aside, then move in.
            let aside = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            try? manager.removeItem(at: aside)
            guard rename(target.path, aside.path) == 0 else {
                let message = String(cString: strerror(errno))
                try? manager.removeItem(at: temporary)
                throw CompError.io(IOFailure(.replace, target.path, reason: message))
            }
            guard rename(temporary.path, target.path) == 0 else {
                let message = String(cString: strerror(errno))
                _ = rename(aside.path, target.path)
                try? manager.removeItem(at: temporary)
                throw CompError.io(IOFailure(.replace, target.path, reason: message))
            }
            try? manager.removeItem(at: aside)
            return
        }
        guard rename(temporary.path, target.path) == 0 else {
            let message = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw CompError.io(IOFailure(.write, target.path, reason: message))
        }
    }

    /// Removes what runs into `target` that were killed (SIGKILL, power loss) left behind: their
    /// temporary folders `.<name>.tmp-<pid>`, whose process is gone. A killed run over a large month
    /// would otherwise leave gigabytes on disk for good. The folder of a run still going is left alone.
    private static func removeStaleTemporaries(of target: URL) {
        let parent = target.deletingLastPathComponent()
        let prefix = ".\(target.lastPathComponent).tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    fileprivate static func reason(_ error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        // Foundation words these as "The operation could not be completed. …": say what the system says.
        let codes: [CocoaError.Code: Int32] = [.fileWriteOutOfSpace: ENOSPC, .fileWriteVolumeReadOnly: EROFS, .fileWriteNoPermission: EACCES]
        if let cocoa = error as? CocoaError, let code = codes[cocoa.code] { return String(cString: strerror(code)) }
        return error.localizedDescription
    }
}
