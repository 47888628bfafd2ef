@testable import CompKit

extension StatementDocument {
    /// The document's `.md` file, as `comp explain` writes it.
    var markdown: String { file(endingIn: ".md") }
    /// The document's `.html` file, as `comp explain` writes it.
    var html: String { file(endingIn: ".html") }

    private func file(endingIn suffix: String) -> String {
        let file = StatementFiles.files(of: self, participantID: "T").first { $0.name.hasSuffix(suffix) }
        return file.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
    }
}
