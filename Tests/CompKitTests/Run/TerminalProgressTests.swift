import Dispatch
import Foundation
import Testing
@testable import CompKit

/// The progress line of a long run (§6): on a terminal only, after the delay, cleared at the end.
@Suite struct TerminalProgressTests {
    /// What a progress reporter wrote, kept across threads.
    final class Written: @unchecked Sendable {
        // @unchecked: `text` is only touched under `lock`.
        private let lock = NSLock()
        private var text = ""
        func append(_ more: String) { lock.withLock { text += more } }
        var value: String { lock.withLock { text } }
    }

    @Test func theLineNamesTheStageAndTheTime() {
        // 3.45 s shows as 3.4 s (tenths, cut); crediting deals is the second of six stages.
        #expect(TerminalProgress.line(stage: .deals, elapsedNanoseconds: 3_450_000_000) == "comp: [2/5] crediting deals… 3.4 s")
        #expect(TerminalProgress.line(stage: .files, elapsedNanoseconds: 0) == "comp: [5/5] writing files and statements… 0.0 s")
    }

    @Test func onATerminalTheLineAppearsAndIsClearedAtTheEnd() throws {
        let written = Written()
        let progress = TerminalProgress(isTerminal: true, delay: .milliseconds(10), write: { written.append($0) })
        progress.begin(.plans)
        progress.begin(.deals)
        let deadline = Date().addingTimeInterval(5)
        while !written.value.contains("crediting deals") && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        progress.finish()
        let text = written.value
        #expect(text.hasPrefix(TerminalProgress.clearLine + "comp: [2/5] crediting deals… "), "\(text.debugDescription)")
        #expect(text.hasSuffix(TerminalProgress.clearLine), "the line is cleared last: \(text.debugDescription)")
        // Nothing more once finished.
        Thread.sleep(forTimeInterval: 0.3)
        #expect(written.value == text)
    }

    @Test func aShortRunShowsNothing() {
        let written = Written()
        let progress = TerminalProgress(isTerminal: true, delay: .seconds(60), write: { written.append($0) })
        progress.begin(.plans)
        progress.finish()
        #expect(written.value.isEmpty)
    }

    @Test func withoutATerminalNothingIsWritten() {
        let written = Written()
        let progress = TerminalProgress(isTerminal: false, delay: .milliseconds(1), write: { written.append($0) })
        progress.begin(.plans)
        Thread.sleep(forTimeInterval: 0.2)
        progress.finish()
        #expect(written.value.isEmpty)
    }
}
