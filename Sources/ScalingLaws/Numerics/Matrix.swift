/// A dense matrix of doubles in column-major order, the layout LAPACK expects.
///
/// Element (i, j) lives at `storage[i + j * rows]`.
public struct Matrix: Codable, Equatable, Sendable {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The elements, column by column.
  public var storage: [Double]

  /// Creates a `rows` × `columns` matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(
      rows >= 0 && columns >= 0, "matrix shape must be non-negative (was \(rows)×\(columns))")
    self.rows = rows
    self.columns = columns
    self.storage = [Double](repeating: value, count: rows * columns)
  }

  /// Creates a matrix from its columns, each of length `rows`.
  ///
  /// - Precondition: all columns have the same length.
  public init(columns values: [[Double]]) {
    let rows = values.first?.count ?? 0
    precondition(values.allSatisfy { $0.count == rows }, "columns must have equal lengths")
    self.rows = rows
    self.columns = values.count
    self.storage = values.flatMap { $0 }
  }

  /// Creates a matrix from its rows, each of length `columns`.
  public init(rows values: [[Double]]) {
    let columns = values.first?.count ?? 0
    precondition(values.allSatisfy { $0.count == columns }, "rows must have equal lengths")
    self.init(rows: values.count, columns: columns)
    for (i, row) in values.enumerated() {
      for (j, value) in row.enumerated() { storage[i + j * rows] = value }
    }
  }

  /// The element in row `i`, column `j`.
  public subscript(i: Int, j: Int) -> Double {
    get { storage[i + j * rows] }
    set { storage[i + j * rows] = newValue }
  }

  /// Returns column `j` as an array.
  public func column(_ j: Int) -> [Double] {
    Array(storage[(j * rows)..<((j + 1) * rows)])
  }

  /// Returns row `i` as an array.
  public func row(_ i: Int) -> [Double] {
    (0..<columns).map { storage[i + $0 * rows] }
  }

  /// Returns the rows at `indices`, in that order.
  public func selecting(rows indices: [Int]) -> Matrix {
    var result = Matrix(rows: indices.count, columns: columns)
    for j in 0..<columns {
      let base = j * rows
      let target = j * indices.count
      for (k, i) in indices.enumerated() { result.storage[target + k] = storage[base + i] }
    }
    return result
  }

  /// Returns the transpose.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for j in 0..<columns {
      for i in 0..<rows { result.storage[j + i * columns] = storage[i + j * rows] }
    }
    return result
  }
}
