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
        struct Slot {
            var count: Int
            var freeAfter: Int
        }
        var slots: [Slot] = []
        var slotOf = [Int](repeating: 0, count: requests.count)
        let order = requests.indices.sorted { (requests[$0].birth, $0) < (requests[$1].birth, $1) }
        for index in order {
            let request = requests[index]
            requestedCount += request.count
            let free = slots.indices.filter { slots[$0].freeAfter < request.birth }
            let fitting = free.filter { slots[$0].count >= request.count }
            let chosen: Int
            if let best = fitting.min(by: { (slots[$0].count, $0) < (slots[$1].count, $1) }) {
                chosen = best
            } else if let largest = free.max(by: { (slots[$0].count, $1) < (slots[$1].count, $0) }) {
                chosen = largest
                slots[chosen].count = request.count
            } else {
                slots.append(Slot(count: request.count, freeAfter: 0))
                chosen = slots.count - 1
            }
            slots[chosen].freeAfter = request.death
            slotOf[index] = chosen
        }
        var slotOffsets: [Int] = []
        for slot in slots {
            slotOffsets.append(arenaCount)
            arenaCount += (slot.count + 15) / 16 * 16
        }
        offsets = slotOf.map { slotOffsets[$0] }
        slotCount = slots.count
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
