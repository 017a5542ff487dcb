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
        // Slots in use, by the time they become free; free slots sorted by (size, index). Each request then costs
        // a logarithmic search and a short move instead of a scan of every slot: a graph of 20 000 layers had
        // made this scan quadratic (most of a deep recipe's time).
        var busy = SlotHeap()
        var free: [SizedSlot] = []
        let order = requests.indices.sorted { (requests[$0].birth, $0) < (requests[$1].birth, $1) }
        for index in order {
            let request = requests[index]
            requestedCount += request.count
            while let next = busy.first, next.freeAfter < request.birth {
                busy.removeFirst()
                let slot = SizedSlot(count: slotCounts[next.slot], slot: next.slot)
                free.insert(slot, at: free.lowerBound(of: slot))
            }
            let chosen: Int
            let fitting = free.lowerBound(of: SizedSlot(count: request.count, slot: -1))
            if fitting < free.count {
                // The smallest free slot that is big enough (the lowest index among equals).
                chosen = free.remove(at: fitting).slot
            } else if let largest = free.last {
                // None is big enough: the largest grows (the lowest index among equals).
                let position = free.lowerBound(of: SizedSlot(count: largest.count, slot: -1))
                chosen = free.remove(at: position).slot
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

/// A free slot, ordered by size, then index.
private struct SizedSlot: Comparable {
    var count: Int
    var slot: Int

    static func < (lhs: SizedSlot, rhs: SizedSlot) -> Bool { (lhs.count, lhs.slot) < (rhs.count, rhs.slot) }
}

/// A slot in use until `freeAfter` (inclusive).
private struct BusySlot {
    var freeAfter: Int
    var slot: Int
}

/// A binary min-heap of busy slots by `freeAfter`.
private struct SlotHeap {
    private var items: [BusySlot] = []

    var first: BusySlot? { items.first }

    mutating func insert(_ item: BusySlot) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].freeAfter < items[parent].freeAfter else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeFirst() {
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].freeAfter < items[smallest].freeAfter { smallest = left }
            if right < items.count, items[right].freeAfter < items[smallest].freeAfter { smallest = right }
            guard smallest != parent else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

extension Array where Element == SizedSlot {
    /// The first position whose element is not below `element` (binary search; the array is sorted).
    fileprivate func lowerBound(of element: SizedSlot) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < element { low = middle + 1 } else { high = middle }
        }
        return low
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
