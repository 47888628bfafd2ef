extension StatementDocument {
    /// The words of a heading or a paragraph, as UTF-8 bytes. Written as a string literal whose
    /// amounts, decimals and dates are interpolated straight from their values
    /// (`"Quota \(quota, in: money)."`): a run writes tens of thousands of statements, and a string
    /// per figure would cost more than the page they are on.
    public struct Text: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
        public private(set) var bytes: [UInt8]

        public init(_ string: String) { bytes = Array(string.utf8) }
        public init(stringLiteral string: String) { self.init(string) }
        public init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

        public var description: String { String(decoding: bytes, as: UTF8.self) }

        public static func + (first: Text, second: Text) -> Text {
            var joined = first
            joined += second
            return joined
        }

        public static func += (text: inout Text, more: Text) { text.bytes += more.bytes }

        /// A literal's pieces and figures appended one after another.
        public struct Interpolation: StringInterpolationProtocol {
            fileprivate var bytes: [UInt8] = []

            public init(literalCapacity: Int, interpolationCount: Int) {
                bytes.reserveCapacity(literalCapacity + 12 * interpolationCount)
            }

            public mutating func appendLiteral(_ literal: String) { bytes.append(utf8Of: literal) }
            public mutating func appendInterpolation(_ value: some CustomStringConvertible) { bytes.append(utf8Of: value.description) }
            public mutating func appendInterpolation(_ text: Text) { bytes += text.bytes }
            /// An amount as `currency` writes it: rounded to its minor unit.
            public mutating func appendInterpolation(_ amount: ExactDecimal, in currency: Currency) { bytes.append(amount, in: currency) }
            /// `value` rounded half away from zero to `decimals` decimals, written with exactly that many.
            public mutating func appendInterpolation(_ value: ExactDecimal, decimals: Int) { bytes.append(value, decimals: decimals) }
            /// `value` exactly, as `ExactDecimal.exactText(minDecimals:)` writes it.
            public mutating func appendInterpolation(exact value: ExactDecimal, minDecimals: Int = 0) {
                bytes.append(exact: value, minDecimals: minDecimals)
            }
            /// A rate as a percentage, exactly (`12.5 %`).
            public mutating func appendInterpolation(percent rate: ExactDecimal) { bytes.append(percent: rate) }
            public mutating func appendInterpolation(_ date: CalendarDate) { bytes.append(date) }
        }
    }
}

/// Where a statement writes figures as UTF-8 bytes: a sentence's bytes (`StatementDocument.Text`)
/// or a table's cells (`TableCellWriter`), so that a figure reads the same wherever it stands.
protocol FigureSink: ~Copyable {
    /// Appends part of a figure (digits, a sign, a date): bytes that no output format escapes.
    mutating func appendFigure(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension FigureSink where Self: ~Copyable {
    /// Appends `value` rounded half away from zero to `decimals` decimals, written with exactly that many.
    mutating func append(_ value: ExactDecimal, decimals: Int) {
        value.withFormattedBytes(decimals: decimals) { appendFigure($0) }
    }

    /// Appends an amount as `currency` writes it: rounded to its minor unit.
    mutating func append(_ amount: ExactDecimal, in currency: Currency) {
        append(amount, decimals: currency.minorUnits)
    }

    /// Appends `value` exactly, as `ExactDecimal.exactText(minDecimals:)` writes it.
    mutating func append(exact value: ExactDecimal, minDecimals: Int = 0) {
        let exact = value.exactDigits(minDecimals: minDecimals)
        append(exact.value, decimals: exact.decimals)
    }

    /// Appends a rate as a percentage, exactly (`12.5 %`).
    mutating func append(percent rate: ExactDecimal) {
        append(exact: rate.percentValue, minDecimals: 0)
        let sign: StaticString = " %"
        appendFigure(UnsafeBufferPointer(start: sign.utf8Start, count: sign.utf8CodeUnitCount))
    }

    mutating func append(_ date: CalendarDate) {
        date.withISOBytes { appendFigure($0) }
    }
}

extension [UInt8]: FigureSink {
    mutating func appendFigure(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }

    mutating func append(utf8Of string: String) {
        string.withUTF8Bytes { append(contentsOf: $0) }
    }
}
