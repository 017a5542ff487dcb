// MARK: - Kernel builder

/// Turns the steps of a schedule into kernels, every node's value and gradient resolved to a pointer.
struct KernelBuilder {
    let analysis: GraphAnalysis
    /// A node's value: an input, a parameter, a pinned tensor or its place in the arena.
    let value: (Int) -> View
    /// A node's gradient; nil when it needs none.
    let gradient: (Int) -> UnsafeMutablePointer<Float>?

    /// For each gradient a step writes, whether it adds to what an earlier step wrote there.
    typealias Accumulation = [GradientTarget: Bool]

    func kernel(_ step: NodeStep, accumulate: Accumulation, scratch: UnsafeMutablePointer<Float>?) -> Kernel {
        var kernel = Kernel(kind: step.kind, output: value(step.output), a: value(step.a), b: value(step.b ?? step.a))
        if !accumulate.isEmpty {
            kernel.outputGrad = gradient(step.output)
            if let flag = accumulate[.a] { (kernel.aGrad, kernel.accumulateA) = (gradient(step.a), flag) }
            if let flag = accumulate[.b], let b = step.b { (kernel.bGrad, kernel.accumulateB) = (gradient(b), flag) }
        }
        kernel.scratch = scratch
        return kernel
    }

    /// `bias` is the layer's bias row, or a row of zeros the caller keeps alive.
    func kernel(_ plan: LayerPlan, bias: UnsafePointer<Float>, accumulate: Accumulation,
                scratch: UnsafeMutablePointer<Float>?) -> LayerKernel {
        let output = value(plan.output)
        let input: LayerKernel.Input
        switch plan.input {
        case let .stored(z):
            input = .stored(UnsafePointer(value(z).data))
        case let .formed(product):
            let x = value(product.x)
            input = .formed(LayerKernel.FormedInput(
                x: x.data, rowStride: product.transposeX ? 1 : x.shape.cols,
                columnStride: product.transposeX ? x.shape.cols : 1, weights: value(product.weight).data,
                inner: product.inner))
        }
        var kernel = LayerKernel(
            function: plan.function, rows: output.shape.rows, cols: output.shape.cols, input: input, bias: bias,
            output: output.data, saved: plan.keepsSum ? plan.sum.map { value($0).data } : nil,
            head: plan.head.map { LayerKernel.Head(weight: value($0.weight).data, value: value($0.node).data) })
        guard let backward = plan.backward else { return kernel }

        func sum(_ target: GradientTarget, _ node: Int?) -> LayerKernel.Sum? {
            guard let node, let flag = accumulate[target], let pointer = gradient(node) else { return nil }
            return LayerKernel.Sum(target: pointer, accumulate: flag)
        }
        let formed: LayerPlan.Product? = if case let .formed(product) = plan.input { product } else { nil }
        var dz: UnsafeMutablePointer<Float>?
        if backward.formsGradient {
            if case let .stored(z) = plan.input, backward.input { dz = gradient(z) } else { dz = scratch }
        }
        var compiled = LayerKernel.Gradients(
            upstream: UnsafePointer(gradient(plan.head?.node ?? plan.output)!), dz: dz, sweeps: backward.sweeps,
            transient: backward.transient, bias: sum(.bias, plan.bias),
            weight: backward.weight == .sweep ? sum(.weight, formed?.weight) : nil,
            headWeight: backward.headWeight == .sweep ? sum(.headWeight, plan.head?.weight) : nil)
        if let head = plan.head, backward.headWeight == .product {
            // The head's own backward pass, for its weight only: the layer forms the gradient of its left operand.
            var product = Kernel(kind: .matmul(transposeA: false, transposeB: head.transposeWeight),
                                 output: value(head.node), a: output, b: value(head.weight))
            product.outputGrad = gradient(head.node)
            (product.bGrad, product.accumulateB) = (gradient(head.weight), accumulate[.headWeight] ?? false)
            compiled.headProduct = product
        }
        if let formed, let dz, backward.x || backward.weight == .product {
            // The formed product's backward pass from the stored `dz`.
            var product = Kernel(kind: .matmul(transposeA: formed.transposeX, transposeB: formed.transposeWeight),
                                 output: View(data: dz, shape: output.shape), a: value(formed.x),
                                 b: value(formed.weight))
            product.outputGrad = dz
            if backward.x { (product.aGrad, product.accumulateA) = (gradient(formed.x), accumulate[.x] ?? false) }
            if backward.weight == .product {
                (product.bGrad, product.accumulateB) = (gradient(formed.weight), accumulate[.weight] ?? false)
            }
            compiled.product = product
        }
        kernel.gradients = compiled
        return kernel
    }
}
