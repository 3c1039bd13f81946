import Foundation
import JupyterProtocol
import Testing

/// Connection files as jupyter_client writes them, and the errors for broken ones.
struct ConnectionInfoTests {
  static let typical = """
    {"shell_port": 57503, "iopub_port": 40885, "stdin_port": 52597, "control_port": 50160,
     "hb_port": 57127, "ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84",
     "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "obscale"}
    """

  @Test func readsATypicalFile() throws {
    let info = try ConnectionInfo.parse(Array(ConnectionInfoTests.typical.utf8))
    #expect(info.transport == .tcp)
    #expect(info.endpoint(.shell) == "tcp://127.0.0.1:57503")
    #expect(info.endpoint(.heartbeat) == "tcp://127.0.0.1:57127")
    #expect(info.endpoint(.iopub) == "tcp://127.0.0.1:40885")
    #expect(info.key == Array("a0436f6c-1916-498b-8eb9-e81ab9368e84".utf8))
    #expect(info.kernelName == "obscale")
  }

  @Test func buildsIPCAndIPv6Endpoints() throws {
    let ipc = ConnectionInfoTests.typical.replacingOccurrences(of: "\"tcp\"", with: "\"ipc\"")
      .replacingOccurrences(of: "127.0.0.1", with: "/tmp/kernel-1")
    #expect(
      try ConnectionInfo.parse(Array(ipc.utf8)).endpoint(.control) == "ipc:///tmp/kernel-1-50160")
    let v6 = ConnectionInfoTests.typical.replacingOccurrences(of: "127.0.0.1", with: "::1")
    #expect(try ConnectionInfo.parse(Array(v6.utf8)).endpoint(.shell) == "tcp://[::1]:57503")
  }

  @Test(arguments: [
    ("not json", "not JSON"),
    ("[1]", "holds a array"),
    (#"{"shell_port": 1}"#, "has no 'control_port'"),
    (
      #"{"shell_port": "x", "iopub_port": 1, "stdin_port": 1, "control_port": 1, "hb_port": 1}"#,
      "'shell_port' in the connection file is a string, expected an integer"
    ),
    (
      #"{"shell_port": 70000, "iopub_port": 1, "stdin_port": 1, "control_port": 1, "hb_port": 1}"#,
      "'shell_port' in the connection file is '70000', expected 0 to 65535"
    ),
    (
      #"{"shell_port": 1, "iopub_port": 1, "stdin_port": 1, "control_port": 1, "hb_port": 1, "transport": "udp"}"#,
      "'transport' in the connection file is 'udp'"
    ),
    (
      #"{"shell_port": 1, "iopub_port": 1, "stdin_port": 1, "control_port": 1, "hb_port": 1, "signature_scheme": "hmac-md5"}"#,
      "expected 'hmac-sha256'"
    ),
    (
      #"{"shell_port": 1, "iopub_port": 1, "stdin_port": 1, "control_port": 1, "hb_port": 1, "key": 5}"#,
      "'key' in the connection file is a number"
    ),
  ])
  func explainsWhatIsWrong(_ text: String, _ message: String) {
    #expect {
      try ConnectionInfo.parse(Array(text.utf8))
    } throws: { error in
      "\(error)".contains(message)
    }
  }

  @Test func readsCurveKeys() throws {
    let keys =
      #", "curve_publickey": "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7", "curve_secretkey": "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"}"#
    let text = ConnectionInfoTests.typical.replacingOccurrences(of: "}", with: keys)
    let info = try ConnectionInfo.parse(Array(text.utf8))
    #expect(info.curveKeys?.publicKey == "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7")
    #expect(info.curveKeys?.secretKey == "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6")
    #expect(try ConnectionInfo.parse(Array(ConnectionInfoTests.typical.utf8)).curveKeys == nil)
  }

  @Test(arguments: [
    (
      #", "curve_publickey": "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"}"#,
      "has no 'curve_secretkey'"
    ),
    (
      #", "curve_publickey": "short", "curve_secretkey": "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"}"#,
      "expected a 40-character Z85 CurveZMQ key"
    ),
    (
      #", "curve_publickey": 5, "curve_secretkey": "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"}"#,
      "'curve_publickey' in the connection file is a number"
    ),
  ])
  func explainsBadCurveKeys(_ extra: String, _ message: String) {
    let text = ConnectionInfoTests.typical.replacingOccurrences(of: "}", with: extra)
    #expect {
      try ConnectionInfo.parse(Array(text.utf8))
    } throws: { error in
      "\(error)".contains(message)
    }
  }

  @Test func aMissingKeyMeansUnsigned() throws {
    let info = try ConnectionInfo.parse(
      Array(
        #"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}"#
          .utf8))
    #expect(info.key.isEmpty)
    #expect(info.ip == "127.0.0.1")
  }
}
