/// A first-in, first-out queue with amortized O(1) removal from the front: the items live in
/// an array read from a moving head, and the consumed prefix is dropped once it is at least
/// half the array (an array's `removeFirst` would move every waiting item on each call).
struct FIFOQueue<Element> {
  /// The items, the first `head` of them already taken.
  private var items: [Element] = []
  /// The index of the front item.
  private var head = 0

  /// Whether nothing is waiting.
  var isEmpty: Bool { head == items.count }

  /// How many items are waiting.
  var count: Int { items.count - head }

  /// Adds `item` at the back.
  mutating func append(_ item: Element) {
    items.append(item)
  }

  /// Removes and returns the front item, or nil when the queue is empty.
  mutating func popFirst() -> Element? {
    guard head < items.count else { return nil }
    let item = items[head]
    head += 1
    if head == items.count {
      items.removeAll(keepingCapacity: true)
      head = 0
    } else if head >= 32, head * 2 >= items.count {
      items.removeFirst(head)
      head = 0
    }
    return item
  }

  /// Removes the waiting items `matches` accepts and returns them; the others keep their order.
  mutating func removeAll(where matches: (Element) -> Bool) -> [Element] {
    let waiting = items[head...]
    let taken = waiting.filter(matches)
    items = waiting.filter { !matches($0) }
    head = 0
    return taken
  }

  /// Empties the queue and releases its storage.
  mutating func release() {
    items = []
    head = 0
  }
}
