/// How long after closing a cancelled deal is charged back.
public struct Clawback: Sendable {
    public var windowDays: Int

    public init(windowDays: Int) { self.windowDays = windowDays }
}
