/// Lets long engine work report progress and be cancelled, without threading a parameter
/// through every call: the caller binds a monitor for the duration of the work with
/// `WorkMonitor.$current.withValue(monitor) { … }`, and the loops that can run long (the
/// imputation rounds, the solver's iterations, the restarts) poll it.
///
/// Polling costs one task-local read per round or iteration, nothing next to the work of one.
public struct WorkMonitor: Sendable {
  /// The monitor in effect; by default nothing is reported and nothing cancels.
  @TaskLocal public static var current = WorkMonitor()

  /// Whether the user asked to stop.
  public var isCancelled: @Sendable () -> Bool
  /// Receives progress reports.
  public var report: @Sendable (WorkProgress) -> Void
  /// The least time between two reports, in seconds.
  public var interval: Double

  /// Creates a monitor.
  public init(
    isCancelled: @escaping @Sendable () -> Bool = { false },
    report: @escaping @Sendable (WorkProgress) -> Void = { _ in }, interval: Double = 0.5
  ) {
    self.isCancelled = isCancelled
    self.report = report
    self.interval = interval
  }

  /// Throws `.cancelled` when the user asked to stop.
  static func checkCancellation(_ stage: String) throws {
    if current.isCancelled() { throw ScalingLawsError.cancelled(stage: stage) }
  }
}

/// A progress report from long work.
public struct WorkProgress: Equatable, Sendable {
  /// What is being done: "imputing", "fitting".
  public var stage: String
  /// Steps done so far.
  public var done: Int
  /// The most steps there can be.
  public var limit: Int
  /// A short status, such as the last change.
  public var detail: String
  /// What a step is: `round`, `iteration`, `subset`.
  public var unit: String

  /// Creates a report.
  public init(stage: String, done: Int, limit: Int, detail: String, unit: String = "round") {
    self.stage = stage
    self.done = done
    self.limit = limit
    self.detail = detail
    self.unit = unit
  }
}

/// Sends progress at most every `interval` seconds of wall time.
struct ProgressThrottle {
  /// When the last report went out (or the work started).
  private var last = ContinuousClock.now

  /// Reports `progress` when the monitor's interval has passed since the last report, and
  /// never in the first interval (short work reports nothing).
  mutating func offer(_ progress: @autoclosure () -> WorkProgress) {
    let monitor = WorkMonitor.current
    let now = ContinuousClock.now
    guard now - last >= .milliseconds(Int(monitor.interval * 1000)) else { return }
    last = now
    monitor.report(progress())
  }
}
