// libFuzzer target: what arrives from the network. The bytes are split into frames at 0xFF;
// the codec must decode or refuse them, the JSON reader and the connection-file reader must
// parse or refuse the whole input — never crash. Built by `make fuzz`.
import JupyterProtocol
internal import ObscaleJSON

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let frames = bytes.split(separator: 0xFF, omittingEmptySubsequences: false).map(Array.init)
  for key in [[UInt8](), Array("key".utf8)] {
    if let message = try? WireCodec(signer: MessageSigner(key: key)).decode(frames) {
      _ = WireCodec(signer: MessageSigner(key: key)).encode(message)
    }
  }
  if let value = try? JSONParser.parse(bytes) { _ = value.serializedBytes }
  _ = try? ConnectionInfo.parse(bytes)
  return 0
}

#if FUZZING
  import CFuzzer

  /// The program's entry point in a fuzzing build (SwiftPM names it `WireFuzzer_main`): hands
  /// control to libFuzzer's driver with the target above.
  @_cdecl("WireFuzzer_main")
  public func fuzzingMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
    -> CInt
  {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
      guard let data else { return 0 }
      return { () -> CInt in fuzzWire(data, size) }()
    }
  }
#endif
