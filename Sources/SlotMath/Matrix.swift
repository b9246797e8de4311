/// A dense row-major matrix of `Float` in one contiguous buffer.
///
/// The element at row `r`, column `c` lives at `scalars[r * columns + c]`.
/// A vector is a matrix with one row. `Matrix` is a value type (copy on write
/// through its array), so layers that hold matrices are plain `Sendable` values.
package struct Matrix: Hashable, Sendable {
    /// The number of rows.
    package private(set) var rows: Int
    /// The number of columns.
    package private(set) var columns: Int
    /// The elements in row-major order; `scalars.count == rows * columns`.
    package private(set) var scalars: [Float]

    /// Creates a `rows × columns` matrix filled with `value`.
    package init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.scalars = [Float](repeating: value, count: rows * columns)
    }

    /// Creates a matrix from row-major elements.
    /// - Precondition: `scalars.count == rows * columns`.
    package init(rows: Int, columns: Int, scalars: [Float]) {
        precondition(scalars.count == rows * columns, "\(scalars.count) elements do not fill a \(rows)×\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.scalars = scalars
    }

    /// Creates a matrix from an array of equally long rows.
    package init(_ rowArrays: [[Float]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows of a matrix must have equal length")
        self.init(rows: rowArrays.count, columns: columns, scalars: rowArrays.flatMap { $0 })
    }

    /// The number of elements, `rows * columns`.
    package var count: Int { scalars.count }

    /// The shape as `[rows, columns]`, as stored in model files.
    package var shape: [Int] { [rows, columns] }

    /// The element at `row`, `column`.
    package subscript(row: Int, column: Int) -> Float {
        get { scalars[row * columns + column] }
        set { scalars[row * columns + column] = newValue }
    }

    /// The elements of one row, as a new array.
    package func row(_ index: Int) -> [Float] {
        Array(scalars[index * columns ..< (index + 1) * columns])
    }

    /// Changes the number of rows, keeping the leading rows' elements and
    /// filling new rows with zeros. Capacity is kept, so a workspace matrix that
    /// is resized batch after batch stops allocating once it has grown.
    package mutating func resize(rows newRows: Int) {
        precondition(newRows >= 0, "matrix dimensions must not be negative")
        let newCount = newRows * columns
        if newCount < scalars.count {
            scalars.removeLast(scalars.count - newCount)
        } else if newCount > scalars.count {
            scalars.append(contentsOf: repeatElement(0, count: newCount - scalars.count))
        }
        rows = newRows
    }

    /// Sets every element to `value`.
    package mutating func fill(_ value: Float) {
        scalars.withUnsafeMutableBufferPointer { buffer in
            buffer.update(repeating: value)
        }
    }

    /// Calls `body` with a pointer to the elements for reading.
    package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a pointer to the elements for writing.
    package mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }
}
