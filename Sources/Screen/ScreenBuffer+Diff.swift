/// A run of cells to write at (x, y), left to right. A run never starts with a continuation
/// cell nor ends with the left half of a wide character.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]

    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

extension ScreenBuffer {
    /// The runs of cells that differ from `old`, row by row. Identical buffers give no runs;
    /// buffers of different sizes give every row in full.
    public func diff(from old: ScreenBuffer) -> [CellChange] {
        guard old.width == width && old.height == height else { return fullRepaint() }
        var changes: [CellChange] = []
        for y in 0..<height {
            let row = y * width
            var x = 0
            while x < width {
                guard cells[row + x] != old.cells[row + x] else { x += 1; continue }
                var start = x
                var end = x + 1
                while end < width && cells[row + end] != old.cells[row + end] { end += 1 }
                // Keep wide characters whole at both ends of the run.
                if cells[row + start].isContinuation && start > 0 { start -= 1 }
                if end < width && cells[row + end].isContinuation { end += 1 }
                changes.append(CellChange(x: start, y: y, cells: Array(cells[(row + start)..<(row + end)])))
                x = end
            }
        }
        return changes
    }

    /// Every row as one run: what a first paint or a paint after a resize writes.
    public func fullRepaint() -> [CellChange] {
        (0..<height).filter { _ in width > 0 }.map { y in
            CellChange(x: 0, y: y, cells: Array(cells[(y * width)..<((y + 1) * width)]))
        }
    }
}
