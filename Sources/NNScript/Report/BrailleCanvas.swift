/// A character grid where each cell is a 2 × 4 block of dots drawn with the Unicode braille patterns (U+2800…U+28FF),
/// holding several layers (series) that are told apart when rendered.
///
/// Pixel (0, 0) is the top-left dot; x grows to the right, y downwards.
public struct BrailleCanvas: Sendable {
    public let columns: Int
    public let rows: Int
    public var pixelWidth: Int { columns * 2 }
    public var pixelHeight: Int { rows * 4 }

    private var layers: [[UInt8]]

    /// The dot bit for (column within the cell, row within the cell), as the braille block numbers its dots.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    public init(columns: Int, rows: Int, layers: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        let cells = max(1, columns) * max(1, rows)
        self.layers = Array(repeating: Array(repeating: 0, count: cells), count: max(1, layers))
    }

    /// Sets one dot on `layer`; dots outside the canvas are ignored.
    public mutating func set(layer: Int, x: Int, y: Int) {
        guard layers.indices.contains(layer), x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        layers[layer][(y / 4) * columns + x / 2] |= Self.dotBits[x % 2][y % 4]
    }

    /// The dots of `layer` in one cell, as the low byte of a braille code point.
    public func bits(layer: Int, column: Int, row: Int) -> UInt8 {
        guard layers.indices.contains(layer), column >= 0, row >= 0, column < columns, row < rows else { return 0 }
        return layers[layer][row * columns + column]
    }

    /// The braille character showing `bits`.
    public static func character(_ bits: UInt8) -> Character {
        Character(Unicode.Scalar(0x2800 + UInt32(bits))!)
    }

    // MARK: - Lines

    /// Draws a polyline through `points` (pixel coordinates, fractional allowed) on `pen`'s layer. A non-finite point
    /// breaks the line. With `pen.dashEvery` n > 1, only every n-th dot along the path is set: a dotted line.
    public mutating func stroke(_ points: [(x: Double, y: Double)], pen: inout Pen) {
        var previous: (x: Double, y: Double)?
        for point in points {
            guard point.x.isFinite, point.y.isFinite else {
                previous = nil
                pen.last = nil
                continue
            }
            // Keep far-off points from making the loop below enormous: clamp to a margin around the canvas.
            let clamped = (
                x: min(max(point.x, -2), Double(pixelWidth + 1)), y: min(max(point.y, -2), Double(pixelHeight + 1))
            )
            if let start = previous {
                segment(from: start, to: clamped, pen: &pen)
            } else {
                dot(x: Int(clamped.x.rounded()), y: Int(clamped.y.rounded()), pen: &pen)
            }
            previous = clamped
        }
    }

    private mutating func segment(from a: (x: Double, y: Double), to b: (x: Double, y: Double), pen: inout Pen) {
        let steps = max(1, Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)))
        for step in 1...steps {
            let t = Double(step) / Double(steps)
            dot(x: Int((a.x + (b.x - a.x) * t).rounded()), y: Int((a.y + (b.y - a.y) * t).rounded()), pen: &pen)
        }
    }

    private mutating func dot(x: Int, y: Int, pen: inout Pen) {
        if let last = pen.last, last.x == x, last.y == y { return }
        pen.last = (x, y)
        if pen.count % max(1, pen.dashEvery) == 0 { set(layer: pen.layer, x: x, y: y) }
        pen.count += 1
    }

    /// What a stroke draws with: the layer, the dash spacing, and where the previous dot went.
    public struct Pen: Sendable {
        public var layer: Int
        public var dashEvery: Int
        var count = 0
        var last: (x: Int, y: Int)?

        public init(layer: Int, dashEvery: Int = 1) {
            self.layer = layer
            self.dashEvery = dashEvery
        }
    }
}
