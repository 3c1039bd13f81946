import Testing

@testable import JupyterProtocol

/// The kernel's request queue keeps order through appends, removals and selective removal.
struct FIFOQueueTests {
  @Test func keepsOrderAcrossCompactions() {
    var queue = FIFOQueue<Int>()
    var expected: [Int] = []
    var taken: [Int] = []
    var next = 0
    // Interleave bursts of appends with removals so that the head moves past many compactions.
    for burst in 0..<50 {
      for _ in 0..<(burst % 7 + 3) {
        queue.append(next)
        expected.append(next)
        next += 1
      }
      for _ in 0..<(burst % 5 + 1) {
        if let item = queue.popFirst() { taken.append(item) }
      }
      #expect(queue.count == expected.count - taken.count)
    }
    while let item = queue.popFirst() { taken.append(item) }
    #expect(taken == expected)
    #expect(queue.isEmpty && queue.popFirst() == nil)
  }

  @Test func removesMatchingWaitingItemsInOrder() {
    var queue = FIFOQueue<Int>()
    for item in 0..<100 { queue.append(item) }
    for _ in 0..<40 { _ = queue.popFirst() }
    let even = queue.removeAll { $0 % 2 == 0 }
    #expect(even == Array(stride(from: 40, to: 100, by: 2)))
    var rest: [Int] = []
    while let item = queue.popFirst() { rest.append(item) }
    #expect(rest == Array(stride(from: 41, to: 100, by: 2)))
    queue.append(7)
    queue.release()
    #expect(queue.isEmpty)
  }
}
