import Foundation
import Testing

@testable import JupyterProtocol

/// Message ids and header dates.
struct MessageClockTests {
  @Test func idsAreRandomVersion4UUIDs() throws {
    let ids = (0..<1000).map { _ in MessageClock.newID() }
    #expect(Set(ids).count == ids.count)
    for id in ids.prefix(50) {
      // Foundation's parser accepts it, and it says version 4, RFC 4122 variant.
      let uuid = try #require(UUID(uuidString: id))
      #expect(uuid.uuidString.lowercased() == id)
      let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
      #expect(bytes[6] >> 4 == 4 && bytes[8] >> 6 == 2)
    }
  }

  @Test func datesAreISO8601WithMicroseconds() throws {
    let text = MessageClock.now()
    let parser = ISO8601DateFormatter()
    parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let date = try #require(parser.date(from: text))
    #expect(abs(date.timeIntervalSinceNow) < 60)
    #expect(text.count == 27 && text.hasSuffix("Z"))
  }
}
