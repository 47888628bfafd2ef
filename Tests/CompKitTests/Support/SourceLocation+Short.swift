@testable import CompKit

extension SourceLocation {
    /// The position written short for expectations: `3:5` (a field), `3` (the whole line), `file`.
    var lineAndColumn: String {
        switch position {
        case .wholeFile: return "file"
        case .wholeLine(let line): return "\(line)"
        case .field(let line, let column): return "\(line):\(column)"
        }
    }
}
