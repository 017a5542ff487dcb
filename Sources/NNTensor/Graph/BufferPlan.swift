// MARK: - Buffer plan

/// Places the transient buffers of a compiled graph in one arena, reusing memory whose lifetime has ended.
///
/// Every step of a training iteration has a time: forward kernel `i` runs at time `i`, backward kernel `j` (in
/// reverse order) at time `forwardCount + j`. A buffer lives from the first kernel that writes it to the last one
/// that reads it, both inclusive, so a kernel never reads and writes the same memory through two buffers.
/// Buffers are taken in order of birth and given the free slot that fits best (the smallest that is big enough,
/// else the largest, grown); slots are then laid out one after another, 64-byte aligned.
/// Inputs, outputs, the loss, constants and parameters are not in the arena: they live as long as the graph.
struct BufferPlan {
    struct Request {
        var count: Int
        var birth: Int
        var death: Int
    }

    /// Where each request lives: an offset in floats into the arena.
    private(set) var offsets: [Int] = []
    /// The arena size in floats.
    private(set) var arenaCount = 0
    /// The sum of the requests' sizes, what the arena would be without reuse.
    private(set) var requestedCount = 0
    private(set) var slotCount = 0

    init(_ requests: [Request]) {
        var slotCounts: [Int] = []
        var slotOf = [Int](repeating: 0, count: requests.count)
        // Slots in use, by the time they become free; free slots by size. Each request then costs a logarithmic
        // search instead of a scan of every slot: a graph of 20 000 layers had made this scan quadratic (most of a
        // deep recipe's time), and so had keeping the free slots in one sorted array (a move per insert and remove).
        var busy = MinHeap<BusySlot>()
        var free = FreeSlots()
        let order = requests.indices.sorted { (requests[$0].birth, $0) < (requests[$1].birth, $1) }
        for index in order {
            let request = requests[index]
            requestedCount += request.count
            while let next = busy.first, next.freeAfter < request.birth {
                busy.removeFirst()
                free.insert(next.slot, count: slotCounts[next.slot])
            }
            let chosen: Int
            if let fitting = free.removeSmallest(atLeast: request.count) {
                // The smallest free slot that is big enough (the lowest index among equals).
                chosen = fitting
            } else if let largest = free.removeLargest() {
                // None is big enough: the largest grows (the lowest index among equals).
                chosen = largest
                slotCounts[chosen] = request.count
            } else {
                slotCounts.append(request.count)
                chosen = slotCounts.count - 1
            }
            busy.insert(BusySlot(freeAfter: request.death, slot: chosen))
            slotOf[index] = chosen
        }
        var slotOffsets: [Int] = []
        for count in slotCounts {
            slotOffsets.append(arenaCount)
            arenaCount += (count + 15) / 16 * 16
        }
        offsets = slotOf.map { slotOffsets[$0] }
        slotCount = slotCounts.count
    }
}

// MARK: - Slot bookkeeping

/// A slot in use until `freeAfter` (inclusive); ordered by that time (then index, so the order is total).
private struct BusySlot: Comparable {
    var freeAfter: Int
    var slot: Int

    static func < (lhs: BusySlot, rhs: BusySlot) -> Bool { (lhs.freeAfter, lhs.slot) < (rhs.freeAfter, rhs.slot) }
}

/// The free slots, grouped by size: the sizes in order, and for each the lowest index first. A plan has few
/// distinct sizes and many slots of each, so a choice is a short search of the sizes and a heap operation.
private struct FreeSlots {
    /// The sizes that have at least one free slot, ascending.
    private var sizes: [Int] = []
    private var slots: [Int: MinHeap<Int>] = [:]

    mutating func insert(_ slot: Int, count: Int) {
        if slots[count, default: MinHeap()].isEmpty {
            sizes.insert(count, at: lowerBound(count))
        }
        slots[count, default: MinHeap()].insert(slot)
    }

    /// Takes the lowest-indexed slot of the smallest size that holds `count`; nil when none does.
    mutating func removeSmallest(atLeast count: Int) -> Int? {
        let position = lowerBound(count)
        return position < sizes.count ? remove(size: sizes[position], at: position) : nil
    }

    /// Takes the lowest-indexed slot of the largest size; nil when no slot is free.
    mutating func removeLargest() -> Int? {
        sizes.isEmpty ? nil : remove(size: sizes[sizes.count - 1], at: sizes.count - 1)
    }

    private mutating func remove(size: Int, at position: Int) -> Int {
        let slot = slots[size]!.removeFirst()
        if slots[size]!.isEmpty { sizes.remove(at: position) }
        return slot
    }

    /// The first position in `sizes` not below `count` (binary search).
    private func lowerBound(_ count: Int) -> Int {
        var low = 0, high = sizes.count
        while low < high {
            let middle = (low + high) / 2
            if sizes[middle] < count { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A binary min-heap.
private struct MinHeap<Element: Comparable> {
    private var items: [Element] = []

    var first: Element? { items.first }
    var isEmpty: Bool { items.isEmpty }

    mutating func insert(_ item: Element) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the smallest element (the heap must not be empty).
    @discardableResult
    mutating func removeFirst() -> Element {
        items.swapAt(0, items.count - 1)
        let smallest = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var least = parent
            if left < items.count, items[left] < items[least] { least = left }
            if right < items.count, items[right] < items[least] { least = right }
            guard least != parent else { return smallest }
            items.swapAt(parent, least)
            parent = least
        }
    }
}

// MARK: - Memory layout

/// The transient buffers of a schedule, with their lifetimes, placed by a `BufferPlan`.
struct ArenaLayout {
    enum Key: Hashable {
        case value(Int)
        case gradient(Int)
        case scratch(Int)
    }

    let plan: BufferPlan
    let offsets: [Key: Int]

    init(_ schedule: ExecutionSchedule) {
        let analysis = schedule.analysis
        var lifetimes: [Key: BufferPlan.Request] = [:]
        var keys: [Key] = []
        func use(_ key: Key, at time: Int, count: Int) {
            if var request = lifetimes[key] {
                request.birth = min(request.birth, time)
                request.death = max(request.death, time)
                lifetimes[key] = request
            } else {
                lifetimes[key] = BufferPlan.Request(count: count, birth: time, death: time)
                keys.append(key)
            }
        }
        // Values that outlive the step, or live outside the arena, are not planned.
        func useValue(_ node: Int, at time: Int) {
            guard !analysis.isLeaf(node), !analysis.roots.contains(node) else { return }
            use(.value(node), at: time, count: analysis.shape(node).count)
        }
        func useGradient(_ node: Int, at time: Int) {
            guard analysis.needsGrad[node], !analysis.isLeaf(node), node != analysis.loss else { return }
            use(.gradient(node), at: time, count: analysis.shape(node).count)
        }

        let buffers = schedule.steps.map(schedule.buffers)
        for (time, step) in buffers.enumerated() {
            for node in step.forwardValues { useValue(node, at: time) }
        }
        let start = schedule.steps.count
        for (offset, position) in schedule.backwardOrder.enumerated() {
            let step = buffers[position], time = start + offset
            for node in step.backwardValues { useValue(node, at: time) }
            for node in step.upstream { useGradient(node, at: time) }
            for (_, node) in step.gradientWrites { useGradient(node, at: time) }
            if step.scratch > 0 { use(.scratch(position), at: time, count: step.scratch) }
        }

        plan = BufferPlan(keys.map { lifetimes[$0]! })
        var offsets: [Key: Int] = [:]
        for (index, key) in keys.enumerated() { offsets[key] = plan.offsets[index] }
        self.offsets = offsets
    }
}
