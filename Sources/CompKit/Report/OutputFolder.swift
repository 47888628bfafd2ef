import CPlatform
import Foundation

/// Writes a run's files all or nothing (SPEC 5): into a temporary folder beside the target, then
/// renamed into place in one step, so a failed run leaves any earlier output untouched.
public enum OutputFolder {
    /// Writes `files` (name → bytes) as the folder `path`, replacing an earlier folder atomically.
    public static func write(_ files: [(name: String, bytes: [UInt8])], to path: String) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw CompError.io("cannot create the output folder \(parent.path): \(reason(error))")
        }
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: temporary)
        removeStaleTemporaries(of: target)
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            for (index, file) in files.enumerated() {
                let url = temporary.appendingPathComponent(file.name)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let failure = FaultInjection.injectedFailure("output-write", step: index + 1) { throw failure }
                // The folder as a whole is swapped in at the end: each file needs no atomic write
                // of its own (which would cost a temporary file and an fsync per statement).
                try Data(file.bytes).write(to: url)
                FaultInjection.checkpoint("output-write", step: index + 1)
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw CompError.io("cannot write the output in \(parent.path): \(reason(error))")
        }
        try moveIntoPlace(temporary, target)
    }

    /// Puts the finished folder at `target`: swapped in atomically when one exists already.
    private static func moveIntoPlace(_ temporary: URL, _ target: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                try? manager.removeItem(at: temporary)
                throw CompError.io("\(target.path) exists and is not a folder; comp will not replace it")
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
                throw CompError.io("cannot replace \(target.path): \(message)")
            }
            guard rename(temporary.path, target.path) == 0 else {
                let message = String(cString: strerror(errno))
                _ = rename(aside.path, target.path)
                try? manager.removeItem(at: temporary)
                throw CompError.io("cannot replace \(target.path): \(message)")
            }
            try? manager.removeItem(at: aside)
            return
        }
        guard rename(temporary.path, target.path) == 0 else {
            let message = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw CompError.io("cannot create \(target.path): \(message)")
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

    private static func reason(_ error: Error) -> String {
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
