import Foundation

/// The inputs' sizes and SHA-256 for the manifest (SPEC 5), read again on a thread of their own
/// from the moment the deals are credited: the stages after that keep one core busy, so the
/// checksums of even a gigabyte of deals cost the run no time.
public final class InputDigests: @unchecked Sendable {
    /// The files, in the manifest's order.
    public let files: [PayrollRun.InputFile]
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<[Manifest.Input], Error>?

    /// Starts reading `files` for their checksums.
    init(_ files: [PayrollRun.InputFile]) {
        self.files = files
        Thread { [self] in
            outcome = Result { try files.enumerated().map { try InputDigests.digest($0.element, step: $0.offset + 1) } }
            done.signal()
        }.start()
    }

    /// The manifest's entries once every file is read; throws `CompError.io` when one could not be.
    func entries() throws -> [Manifest.Input] {
        done.wait()
        defer { done.signal() }
        return try outcome!.get()
    }

    private static func digest(_ file: PayrollRun.InputFile, step: Int) throws -> Manifest.Input {
        FaultInjection.checkpoint("input-digest", step: step)
        let digest = try Manifest.fileDigest(path: file.path)
        return Manifest.Input(path: file.path, kind: file.kind, bytes: digest.bytes, sha256: digest.sha256, rows: file.rows)
    }
}
