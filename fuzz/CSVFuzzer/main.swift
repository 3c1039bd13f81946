// libFuzzer target: the CSV reader. Any bytes must give a table or a ScalingLawsError, never a
// crash. Built by `make fuzz` with -sanitize=fuzzer,address; in a normal build it does nothing.
import ScalingLaws

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let table = try? ScoreTable(csv: bytes) {
    _ = table.columnNames
    _ = table.families
  }
  return 0
}

#if FUZZING
  import CFuzzer

  /// The program's entry point in a fuzzing build (SwiftPM names it `CSVFuzzer_main`): hands
  /// control to libFuzzer's driver with the target above.
  @_cdecl("CSVFuzzer_main")
  public func fuzzingMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
    -> CInt
  {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
      guard let data else { return 0 }
      return { () -> CInt in fuzzCSV(data, size) }()
    }
  }
#endif
