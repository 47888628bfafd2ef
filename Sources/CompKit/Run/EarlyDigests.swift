import CPlatform
import Foundation

/// The deals files' sizes and SHA-256, worked out from the moment a run starts on a thread of the
/// lowest priority: reading the plans leaves a core idle, and the deals are by far the largest
/// input to hash for the manifest. `OutputPreparation` takes an early digest only if the file is
/// still the one that was hashed (same device, inode, size and modification time); otherwise, or
/// if the file is gone, it reads the file again as it always did.
final class EarlyDigests: @unchecked Sendable {
    // @unchecked: `digests` is written only by the hashing thread before it signals `done`, and
    // read only after waiting on `done`.
    struct Digest {
        var identity: FileIdentity
        var bytes: Int
        var sha256: String
    }

    private let done = DispatchSemaphore(value: 0)
    private var digests: [String: Digest] = [:]

    /// Starts hashing `paths` one after another.
    init(paths: [String]) {
        Thread { [self] in
            comp_run_when_idle()
            for path in paths {
                // A file that cannot be read now is read again later, which reports the problem.
                guard let before = FileIdentity(path: path), let digest = try? Manifest.fileDigest(path: path),
                      FileIdentity(path: path) == before else { continue }
                digests[path] = Digest(identity: before, bytes: digest.bytes, sha256: digest.sha256)
            }
            done.signal()
        }.start()
    }

    /// The early digest of `path`, once all are made; nil when there is none.
    func digest(of path: String) -> Digest? {
        done.wait()
        done.signal()
        return digests[path]
    }
}
