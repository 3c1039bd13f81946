import Testing

@testable import JupyterProtocol

/// Memory is handed back once a backlog of queued requests drains, and only then.
struct BacklogTests {
  @Test func releasesMemoryOnceALongBacklogDrains() {
    let harness = Harness()
    for _ in 0..<3 { _ = harness.send("kernel_info_request") }
    #expect(harness.core.processPendingShell() == 3)
    #expect(harness.core.memoryReleases == 0, "a short queue is not a backlog")
    let burst = KernelCore.backlogWorthReleasing + 10
    for _ in 0..<burst { _ = harness.send("execute_request", ["code": "x"]) }
    #expect(harness.core.processPendingShell() == burst)
    #expect(harness.core.memoryReleases == 1, "released once, when the queue emptied")
    for _ in 0..<3 { _ = harness.send("kernel_info_request") }
    #expect(harness.core.processPendingShell() == 3)
    #expect(harness.core.memoryReleases == 1, "the backlog was forgotten after the release")
    #expect(harness.core.executionCount == burst, "every queued cell ran")
  }
}
