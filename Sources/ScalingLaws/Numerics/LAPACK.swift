internal import CLapack

/// The few dense linear-algebra routines the engine needs, each a thin call into LAPACK or BLAS.
///
/// Inputs and outputs are `Matrix` values (column-major). A nonzero LAPACK `info` becomes
/// `ScalingLawsError.linearAlgebraFailure`, never a raw status passed on to the user.
///
/// The libraries are opened on the first call (CLapack's loader), not at process start, so
/// a kernel or script that fits nothing does not map them. Every routine goes through
/// `libraries` first.
enum LAPACK {
  /// Opens LAPACK and BLAS once; a machine without them (Debian's liblapacke and libopenblas)
  /// cannot run the engine at all, so that stops the process with the loader's reason, as the
  /// dynamic linker would have at startup.
  private static let libraries: Void = {
    guard obscale_lapack_load() != 0 else {
      fatalError(
        "obscale cannot load LAPACK and BLAS (install liblapacke and libopenblas): \(String(cString: obscale_lapack_error()))"
      )
    }
  }()

  /// The thin singular value decomposition's singular values and right singular vectors.
  ///
  /// For an m × n matrix A = U Σ Vᵀ, returns σ (min(m, n) values, descending) and Vᵀ
  /// (min(m, n) × n, one right singular vector per row). U is not formed. Uses `dgesvd`
  /// (jobu = 'N', jobvt = 'S'), which reduces a tall matrix by QR first.
  ///
  /// - Complexity: O(m n²) for m ≥ n.
  static func singularValueDecomposition(_ a: Matrix) throws -> (values: [Double], vt: Matrix) {
    _ = libraries
    let m = a.rows
    let n = a.columns
    let k = min(m, n)
    var work = a.storage
    var values = [Double](repeating: 0, count: k)
    var vt = Matrix(rows: k, columns: n)
    var superb = [Double](repeating: 0, count: max(1, k - 1))
    var unused = [Double](repeating: 0, count: 1)
    let info = obscale_dgesvd(
      LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "S")),
      Int32(m), Int32(n), &work, Int32(max(1, m)), &values, &unused, 1,
      &vt.storage, Int32(max(1, k)), &superb)
    guard info == 0 else {
      throw ScalingLawsError.linearAlgebraFailure(routine: "dgesvd", info: Int(info))
    }
    return (values, vt)
  }

  /// Returns the centered Gram matrix (A − 1μᵀ)ᵀ(A − 1μᵀ) of an m × n matrix A, n × n.
  ///
  /// Rows are centered a block of 4096 at a time into a small buffer and accumulated with
  /// `dsyrk`, so the result is as accurate as centering the whole matrix first, without
  /// copying it.
  static func centeredGram(_ a: Matrix, mean: [Double]) -> Matrix {
    _ = libraries
    let m = a.rows
    let n = a.columns
    var gram = Matrix(rows: n, columns: n)
    let block = 4096
    var buffer = [Double](repeating: 0, count: block * n)
    var start = 0
    while start < m {
      let rows = min(block, m - start)
      for j in 0..<n {
        let source = j * m + start
        let target = j * rows
        for i in 0..<rows { buffer[target + i] = a.storage[source + i] - mean[j] }
      }
      obscale_dsyrk(
        CblasColMajor, CblasLower, CblasTrans, Int32(n), Int32(rows), 1, buffer, Int32(rows), 1,
        &gram.storage, Int32(n))
      start += rows
    }
    for col in 0..<n {
      for row in 0..<col { gram[row, col] = gram[col, row] }
    }
    return gram
  }

  /// The eigen-decomposition of a symmetric n × n matrix (`dsyevd`): the eigenvalues in
  /// ascending order and the eigenvectors as the columns of an n × n matrix.
  static func symmetricEigen(_ a: Matrix) throws -> (values: [Double], vectors: Matrix) {
    _ = libraries
    precondition(a.rows == a.columns, "symmetricEigen needs a square matrix")
    var vectors = a
    var values = [Double](repeating: 0, count: a.rows)
    let info = obscale_dsyevd(
      LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), Int32(a.rows),
      &vectors.storage, Int32(max(1, a.rows)),
      &values)
    guard info == 0 else {
      throw ScalingLawsError.linearAlgebraFailure(routine: "dsyevd", info: Int(info))
    }
    return (values, vectors)
  }

  /// Solves min ‖A x − b‖₂ for a full-rank m × n matrix A with m ≥ n (QR, `dgels`).
  ///
  /// - Returns: x, of length n.
  static func leastSquares(_ a: Matrix, _ b: [Double]) throws -> [Double] {
    _ = libraries
    precondition(b.count == a.rows, "right-hand side has \(b.count) entries, matrix \(a.rows) rows")
    var work = a.storage
    var rhs = b
    let info = obscale_dgels(
      LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(a.rows), Int32(a.columns), 1,
      &work, Int32(max(1, a.rows)), &rhs, Int32(max(1, a.rows)))
    guard info == 0 else {
      throw ScalingLawsError.linearAlgebraFailure(routine: "dgels", info: Int(info))
    }
    return Array(rhs.prefix(a.columns))
  }

  /// Solves A x = b for a symmetric positive definite n × n matrix A (Cholesky, `dposv`).
  ///
  /// - Returns: x, or nil when A is not positive definite.
  static func solvePositiveDefinite(_ a: Matrix, _ b: [Double]) -> [Double]? {
    _ = libraries
    precondition(
      a.rows == a.columns && b.count == a.rows, "shape mismatch in solvePositiveDefinite")
    var work = a.storage
    var rhs = b
    let n = Int32(a.rows)
    let info = obscale_dposv(
      LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), n, 1, &work, max(1, n), &rhs, max(1, n))
    return info == 0 ? rhs : nil
  }

  /// Returns JᵀW J and Jᵀv for an m × p matrix J and optional row weights W = diag(w).
  ///
  /// The Gram matrix comes from `dsyrk` (lower triangle, then mirrored), the vector from
  /// `dgemv`; with weights, J is scaled by √w row by row first.
  static func normalEquations(_ j: Matrix, _ v: [Double], weights: [Double]?) -> (Matrix, [Double])
  {
    _ = libraries
    let m = j.rows
    let p = j.columns
    var scaled = j.storage
    var rhs = v
    if let weights {
      for col in 0..<p {
        for row in 0..<m { scaled[row + col * m] *= weights[row].squareRoot() }
      }
      for row in 0..<m { rhs[row] *= weights[row].squareRoot() }
    }
    var gram = Matrix(rows: p, columns: p)
    var product = [Double](repeating: 0, count: p)
    guard m > 0, p > 0 else { return (gram, product) }
    obscale_dsyrk(
      CblasColMajor, CblasLower, CblasTrans, Int32(p), Int32(m), 1, scaled, Int32(m), 0,
      &gram.storage, Int32(p))
    for col in 0..<p {
      for row in 0..<col { gram[row, col] = gram[col, row] }
    }
    obscale_dgemv(
      CblasColMajor, CblasTrans, Int32(m), Int32(p), 1, scaled, Int32(m), rhs, 1, 0, &product, 1)
    return (gram, product)
  }

  /// Returns A B for an m × k matrix A and a k × n matrix B (`dgemm`).
  static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
    _ = libraries
    precondition(a.columns == b.rows, "inner dimensions differ: \(a.columns) and \(b.rows)")
    var c = Matrix(rows: a.rows, columns: b.columns)
    guard a.rows > 0, b.columns > 0, a.columns > 0 else { return c }
    obscale_dgemm(
      CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(a.rows), Int32(b.columns), Int32(a.columns),
      1, a.storage, Int32(a.rows), b.storage, Int32(b.rows), 0, &c.storage, Int32(c.rows))
    return c
  }

  /// Returns A Bᵀ for an m × k matrix A and an n × k matrix B (`dgemm`).
  static func multiplyTransposed(_ a: Matrix, _ b: Matrix) -> Matrix {
    _ = libraries
    precondition(a.columns == b.columns, "inner dimensions differ: \(a.columns) and \(b.columns)")
    var c = Matrix(rows: a.rows, columns: b.rows)
    guard a.rows > 0, b.rows > 0, a.columns > 0 else { return c }
    obscale_dgemm(
      CblasColMajor, CblasNoTrans, CblasTrans, Int32(a.rows), Int32(b.rows), Int32(a.columns),
      1, a.storage, Int32(a.rows), b.storage, Int32(b.rows), 0, &c.storage, Int32(c.rows))
    return c
  }
}
