import CPlatform
import Foundation

/// What tells one version of a file from another without reading it: device, inode, size and
/// modification time (to the nanosecond).
struct FileIdentity: Equatable {
    private let device, inode: UInt64
    private let size: Int64
    private let modifiedSeconds, modifiedNanoseconds: Int

    /// The identity of the file at `path` now; nil when it cannot be looked up.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
