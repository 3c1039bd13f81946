extension ScalingLawFit {
  /// The first way this fit contradicts itself, naming the field, or nil when it is whole.
  ///
  /// A fit read back from a file may have been edited or cut short: shortened weights,
  /// components that do not match the benchmarks, more principal components used than
  /// computed, a non-finite number. Such a fit would print a formula that contradicts its
  /// predictions or fail later far from the cause, so a saved fit is checked here first.
  public var inconsistency: String? {
    let spec = specification
    let law = self.law
    let k: Int
    switch spec.predictors {
    case .principalComponents(let used):
      k = used
      guard used >= 1, used <= spec.computedComponents else {
        return
          "specification.predictors uses \(used) principal components, but \(spec.computedComponents) were computed"
      }
      guard let pca = components else {
        return "components is missing, but the law uses principal components"
      }
      if let problem = Self.inconsistency(of: pca, benchmarks: spec.benchmarks, field: "components")
      {
        return problem
      }
      guard pca.count >= used else {
        return "components holds \(pca.count) components, but the law uses \(used)"
      }
      if let imputation {
        let imputer = imputation.imputer
        guard imputer.columnNames == spec.benchmarks, imputer.means.count == spec.benchmarks.count,
          imputer.deviations.count == spec.benchmarks.count
        else { return "imputation.imputer does not match the \(spec.benchmarks.count) benchmarks" }
        if let bad = (imputer.means + imputer.deviations).first(where: { !$0.isFinite }) {
          return "imputation.imputer holds the non-finite number \(bad)"
        }
        if imputer.deviations.contains(where: { $0 <= 0 }) {
          return "imputation.imputer has a standard deviation ≤ 0"
        }
        if let problem = Self.inconsistency(
          of: imputer.model, benchmarks: spec.benchmarks, field: "imputation.imputer.model")
        {
          return problem
        }
      }
    case .logFLOPs, .logSize: k = 1
    case .columns(let names, _): k = names.count
    }
    guard law.weights.count == k, law.predictorNames.count == k else {
      return
        "law.weights has \(law.weights.count) weights and \(law.predictorNames.count) predictor names, but the predictors are \(k)"
    }
    guard law.form == spec.law.form else {
      return
        "law.form is \(law.form.rawValue), but the specification says \(spec.law.form.rawValue)"
    }
    if let bad = law.parameters.first(where: { !$0.isFinite }) {
      return "law holds the non-finite parameter \(bad)"
    }
    if let problem = law.form.law.inconsistency(
      height: law.height, floor: law.floor, bounds: spec.law.bounds)
    {
      return problem
    }
    if let equivalence {
      guard equivalence.slope.isFinite, equivalence.slope > 0, equivalence.intercept.isFinite else {
        return
          "equivalence has slope \(equivalence.slope) and intercept \(equivalence.intercept); the slope must be finite and > 0"
      }
    }
    for (index, row) in rows.enumerated() {
      guard row.predictors.count == k else {
        return "rows[\(index)] has \(row.predictors.count) predictor values, but the law has \(k)"
      }
      guard row.predicted.isFinite, row.capability.isFinite, row.predictors.allSatisfy(\.isFinite)
      else {
        return "rows[\(index)] (\(row.model)) holds a non-finite number"
      }
      // The stored prediction must be the law's: a formula that contradicts its own
      // predictions is an edited file.
      let expected = law.score(capability: law.capability(row.predictors))
      guard abs(expected - row.predicted) <= 1e-9 * max(1, abs(expected)) else {
        return
          "rows[\(index)] (\(row.model)) predicts \(row.predicted), but the law gives \(expected)"
      }
    }
    if let bands = uncertainty,
      bands.predictions.count != rows.count || bands.parameters.count != law.parameters.count
    {
      return
        "uncertainty has \(bands.predictions.count) prediction bands and \(bands.parameters.count) parameter bands for \(rows.count) rows and \(law.parameters.count) parameters"
    }
    if let resamples = uncertainty?.resamples,
      let bad = resamples.firstIndex(where: {
        $0.count != law.parameters.count || !$0.allSatisfy(\.isFinite)
      })
    {
      return
        "uncertainty.resamples[\(bad)] has \(resamples[bad].count) values, or a non-finite one, for a law of \(law.parameters.count) parameters"
    }
    return nil
  }

  /// The first way `pca` does not fit `benchmarks`, or nil.
  private static func inconsistency(
    of pca: PrincipalComponents, benchmarks: [String], field: String
  ) -> String? {
    let c = pca.components
    guard c.storage.count == c.rows * c.columns else {
      return "\(field).components holds \(c.storage.count) numbers for \(c.rows) × \(c.columns)"
    }
    guard c.columns == benchmarks.count, pca.columnNames == benchmarks,
      pca.mean.count == benchmarks.count
    else {
      return
        "\(field) has \(c.columns) columns and \(pca.mean.count) means for the \(benchmarks.count) benchmarks"
    }
    guard pca.singularValues.count >= c.rows else {
      return "\(field) has \(pca.singularValues.count) singular values for \(c.rows) components"
    }
    if let bad = (c.storage + pca.mean + pca.singularValues).first(where: { !$0.isFinite }) {
      return "\(field) holds the non-finite number \(bad)"
    }
    return nil
  }
}
