import Testing

/// One change to a copy of the `valid` fixture.
enum Edit: Sendable {
    /// Replace the one occurrence of a text in a file.
    case replace(String, String, String)
    /// Copy `Fixtures/extras/<name>` to this path (plans/plan2.xml, inputs/deals.xml, inputs/payments.csv).
    case add(String)

    func apply(to workspace: Workspace) throws {
        switch self {
        case let .replace(file, old, new):
            try workspace.replace(in: file, old, with: new)
        case let .add(file):
            let name = String(file.split(separator: "/").last ?? "")
            try workspace.write(file, String(contentsOf: Locations.fixtures.appendingPathComponent("extras/\(name)"), encoding: .utf8))
        }
    }
}

/// A valid input broken in one way (or, for one case, three), and where comp must say so.
struct BrokenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var edits: [Edit]
    /// Every group must be matched by a reported error at one of its places.
    var expected: [[Where]]
    /// A DTD attack: must be refused fast, without reading any external file.
    var isHostile = false

    var testDescription: String { name }

    static let plan = "plans/plan.xml", plan2 = "plans/plan2.xml"
    static let deals = "inputs/deals.csv", xml = "inputs/deals.xml", fx = "inputs/fx.csv", payments = "inputs/payments.csv"

    /// One replacement in `file` (an extras file is added first), the error expected in that file
    /// at one of `lines` (nil: any) and, where given, in `column`.
    static func change(_ name: String, _ file: String, _ old: String, _ new: String,
                       lines: [Int]?, column: Int? = nil) -> BrokenCase {
        let setup: [Edit] = [plan2, xml, payments].contains(file) ? [.add(file)] : []
        return BrokenCase(name: name, edits: setup + [.replace(file, old, new)], expected: [[Where(file, lines: lines, column: column)]])
    }

    /// A CSV field error: the row's line and the field's 1-based number (§7).
    static func field(_ name: String, _ file: String, _ old: String, _ new: String, line: Int, column: Int) -> BrokenCase {
        change(name, file, old, new, lines: [line], column: column)
    }

    static let prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// A `<!DOCTYPE>` put on line 2 of an XML file; when it declares entity `e`, an attribute uses it.
    static func hostile(_ name: String, _ file: String, doctype: String) -> BrokenCase {
        var result = change(name, file, prolog, prolog + doctype + "\n", lines: [2])
        if doctype.contains("ENTITY e ") {
            let use = file == plan ? ("name=\"Plan One\"", "name=\"&e;\"") : ("product=\"CORE\"", "product=\"&e;\"")
            result.edits.append(.replace(file, use.0, use.1))
        }
        result.isHostile = true
        return result
    }

    /// Ten levels of ten references: about 3 GB once expanded.
    static func laughs(_ root: String) -> String {
        let levels = (1...9).map { "<!ENTITY l\($0) \"\(String(repeating: "&l\($0 - 1);", count: 10))\">" }
        return (["<!DOCTYPE \(root) [", "<!ENTITY l0 \"lol\">"] + levels + ["<!ENTITY e \"&l9;\">", "]>"]).joined(separator: "\n")
    }
}
