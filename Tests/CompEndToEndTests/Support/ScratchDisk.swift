import Foundation

/// A small tmpfs mounted on a folder, for the disk-full and read-only tests. Mounting needs root
/// (CAP_SYS_ADMIN); where it fails, `mount` returns nil and the tests inject the fault instead
/// (`COMP_FAULT_FAIL`).
final class ScratchDisk {
    let url: URL
    private var mounted = true

    private init(url: URL) { self.url = url }

    /// Mounts a tmpfs of `kilobytes` on `url` (created if needed); nil when this machine does not let us.
    static func mount(at url: URL, kilobytes: Int) -> ScratchDisk? {
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0755", "tmpfs", url.path]) else { return nil }
        return ScratchDisk(url: url)
    }

    /// Makes the file system read-only (or writable again).
    func remount(readOnly: Bool) -> Bool {
        ScratchDisk.run("/bin/mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", url.path])
    }

    /// Fills the file system but for `leaving` bytes.
    func fill(leaving: Int = 0) throws {
        let free = try (FileManager.default.attributesOfFileSystem(forPath: url.path)[.systemFreeSize] as? NSNumber)?.intValue ?? 0
        let filler = url.appendingPathComponent(".filler")
        FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        defer { try? handle.close() }
        let block = Data(count: 4096)
        for _ in 0..<max(0, (free - leaving) / block.count) { try handle.write(contentsOf: block) }
        while (try? handle.write(contentsOf: Data(count: 512))) != nil {}  // whatever is left over
    }

    /// Unmounts (lazily, so a test that failed midway cannot leave it busy).
    func unmount() {
        guard mounted else { return }
        mounted = !ScratchDisk.run("/bin/umount", ["-l", url.path])
    }

    deinit { unmount() }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
