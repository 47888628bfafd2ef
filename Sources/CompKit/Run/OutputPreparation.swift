import Foundation

/// What the output needs that can be made before it is written: credits.csv's row order and the
/// inputs' sizes and SHA-256 for the manifest (§5). Made on a thread of its own from the
/// moment the deals are credited, while measure and pay keep one core busy; the deals files'
/// checksums are usually ready by then (`EarlyDigests`), each input is looked at again all the same.
public final class OutputPreparation: @unchecked Sendable {
    // @unchecked: the two results are written once by the preparing thread before it signals
    // `done`, and read only after waiting on `done`.
    private let done = DispatchSemaphore(value: 0)
    private var creditsOrder: Result<[UInt32], Error>?
    private var inputs: Result<[Manifest.Input], Error>?

    /// Starts sorting `credits` and reading `inputFiles` for their checksums
    /// (taking those of `early` that are still current).
    init(inputFiles: [PayrollRun.InputFile], credits: RunMonthCredits, early: EarlyDigests?) {
        Thread { [self] in
            creditsOrder = Result { try credits.sortedPositions() }
            inputs = Result {
                try inputFiles.enumerated().map { try OutputPreparation.digest($0.element, step: $0.offset + 1, early: early) }
            }
            done.signal()
        }.start()
    }

    /// The positions of the credit rows in credits.csv's order; throws `CompError.io` when they
    /// could not be read back.
    func sortedCredits() throws -> [UInt32] {
        waitUntilDone()
        return try creditsOrder!.get()
    }

    /// The manifest's entries of the inputs; throws `CompError.io` when one could not be read again.
    func inputEntries() throws -> [Manifest.Input] {
        waitUntilDone()
        return try inputs!.get()
    }

    private func waitUntilDone() {
        done.wait()
        done.signal()
    }

    private static func digest(_ file: PayrollRun.InputFile, step: Int, early: EarlyDigests?) throws -> Manifest.Input {
        FaultInjection.checkpoint("input-digest", step: step)
        if let digest = early?.digest(of: file.path), FileIdentity(path: file.path) == digest.identity {
            return Manifest.Input(path: file.path, kind: file.kind, bytes: digest.bytes, sha256: digest.sha256, rows: file.rows)
        }
        let digest = try Manifest.fileDigest(path: file.path)
        return Manifest.Input(path: file.path, kind: file.kind, bytes: digest.bytes, sha256: digest.sha256, rows: file.rows)
    }
}
