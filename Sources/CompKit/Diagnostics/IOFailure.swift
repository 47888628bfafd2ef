import Foundation

/// A file or folder comp could not use (exit status 3): what it was doing, where, and why in the
/// operating system's words.
public struct IOFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Action: Sendable, Hashable {
        case open, read, write, createFolder, replace
        /// Writing the run's output into a folder (`path` is the folder).
        case writeOutputIn
        /// Keeping the run month's credits in a temporary file (`path` is its folder).
        case keepCredits
    }

    public var action: Action
    public var path: String
    public var reason: String

    public init(_ action: Action, _ path: String, reason: String) {
        self.action = action
        self.path = path
        self.reason = reason
    }

    /// The failure of the C call that just failed, in `strerror`'s words.
    static func lastSystemError(_ action: Action, _ path: String) -> IOFailure {
        IOFailure(action, path, reason: String(cString: strerror(errno)))
    }

    public var description: String {
        switch action {
        case .open: return "cannot open \(path): \(reason)"
        case .read: return "cannot read \(path): \(reason)"
        case .write: return "cannot write \(path): \(reason)"
        case .createFolder: return "cannot create the folder \(path): \(reason)"
        case .replace: return "cannot replace \(path): \(reason)"
        case .writeOutputIn: return "cannot write the output in \(path): \(reason)"
        case .keepCredits: return "cannot keep the run month's credits in a temporary file in \(path): \(reason)"
        }
    }
}
