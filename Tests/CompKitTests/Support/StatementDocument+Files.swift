@testable import CompKit

extension StatementDocument {
    /// The document's `.html` file, as `comp explain` writes it.
    var html: String { String(decoding: StatementFiles.file(of: self, participantID: "T").bytes, as: UTF8.self) }
}
