// MARK: - The hidden layers of a set-up

/// The hidden layers a recipe has described, in order, with their parameter count kept up to date as they are
/// edited.
///
/// The set-up's memory check runs after every set-up statement and needs the number of weights. Counting them by
/// building the architecture made a recipe of n `layer` lines cost n² (10 000 layers: a quarter of the run); an
/// edit changes the count only around the layer it touches, so each edit updates it in constant time.
struct HiddenLayers: Equatable {
    /// The layers, first to last.
    private(set) var layers: [HiddenLayer] = []
    /// Every parameter of the hidden layers that does not depend on the input size: each layer's bias, and the
    /// weights between consecutive hidden layers. A sum of whole numbers, exact in a Double below 2^53.
    private(set) var interiorParameters = 0.0

    var count: Int { layers.count }
    var indices: Range<Int> { layers.indices }
    var first: HiddenLayer? { layers.first }
    var last: HiddenLayer? { layers.last }

    static func == (a: HiddenLayers, b: HiddenLayers) -> Bool { a.layers == b.layers }

    mutating func append(_ layer: HiddenLayer) {
        insert(layer, at: layers.count)
    }

    mutating func insert(_ layer: HiddenLayer, at position: Int) {
        // The layer that was at `position` gets a new predecessor: its term changes with the new layer's.
        edit(before: position..<position + 1, after: position..<position + 2) { $0.insert(layer, at: position) }
    }

    mutating func remove(at position: Int) {
        edit(before: position..<position + 2, after: position..<position + 1) { $0.remove(at: position) }
    }

    mutating func replaceSpec(at position: Int, with spec: LayerSpec) {
        edit(before: position..<position + 2, after: position..<position + 2) { $0[position].spec = spec }
    }

    /// Changes every layer's spec (a `compare` variant's activation), counting again from the start.
    mutating func updateEach(_ change: (inout LayerSpec) -> Void) {
        edit(before: layers.indices, after: layers.indices) { layers in
            for index in layers.indices { change(&layers[index].spec) }
        }
    }

    /// Applies `change`, replacing the terms of the layers in `before` (positions before it) by those in `after`
    /// (positions after it); positions past either end are ignored.
    private mutating func edit(before: Range<Int>, after: Range<Int>, _ change: (inout [HiddenLayer]) -> Void) {
        interiorParameters -= terms(before)
        change(&layers)
        interiorParameters += terms(after)
    }

    /// The parameters of the layers in `range` that the sum counts: a layer's bias and its weights from the
    /// hidden layer before it (the first layer's weights depend on the input size, so they are not counted).
    private func terms(_ range: Range<Int>) -> Double {
        range.clamped(to: layers.indices).reduce(0.0) { sum, index in
            let size = Double(layers[index].spec.size)
            let fromPrevious = index > 0 ? Double(layers[index - 1].spec.size) * size : 0
            return sum + fromPrevious + (layers[index].spec.bias ? size : 0)
        }
    }
}
