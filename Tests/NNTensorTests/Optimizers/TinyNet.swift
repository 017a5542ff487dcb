import Foundation
import NNTensor

/// The 2-3-1 tanh network of the parity problem with a hand-written forward and backward pass (the runtime's graph
/// is not used, so these tests depend on the optimizers alone).
///
/// h = tanh(x·W1 + b1), ŷ = h·W2 + b2, loss = mean((ŷ − y)²) over the batch. Gradients are computed in Double and
/// rounded once to Float, so they carry no summation-order noise of their own.
struct TinyNet {
    let inputs: [Float]   // [batch, 2] row-major
    let targets: [Float]  // [batch]
    let w1: Parameter, b1: Parameter, w2: Parameter, b2: Parameter
    var parameters: [Parameter] { [w1, b1, w2, b2] }
    var batch: Int { targets.count }

    init(inputs: [Float], targets: [Float], initial: [[Float]]) {
        self.inputs = inputs
        self.targets = targets
        w1 = Parameter(name: "W1", value: Tensor(shape: Shape(2, 3), values: initial[0]))
        b1 = Parameter(name: "b1", value: Tensor(shape: Shape(1, 3), values: initial[1]))
        w2 = Parameter(name: "W2", value: Tensor(shape: Shape(3, 1), values: initial[2]))
        b2 = Parameter(name: "b2", value: Tensor(shape: Shape(1, 1), values: initial[3]))
    }

    /// The reference problem's net at its initial weights.
    static func reference() -> TinyNet {
        TinyNet(inputs: ParityReference.inputs, targets: ParityReference.targets,
                initial: ParityReference.initialParameters)
    }

    private func input(_ n: Int, _ i: Int) -> Double { Double(inputs[2 * n + i]) }

    /// Hidden activations [batch, 3] and predictions [batch].
    private func forward() -> (hidden: [Double], prediction: [Double]) {
        var hidden = [Double](repeating: 0, count: batch * 3)
        var prediction = [Double](repeating: 0, count: batch)
        for n in 0..<batch {
            var output = Double(b2.value[0, 0])
            for j in 0..<3 {
                let z = input(n, 0) * Double(w1.value[0, j]) + input(n, 1) * Double(w1.value[1, j])
                    + Double(b1.value[0, j])
                hidden[3 * n + j] = Foundation.tanh(z)
                output += hidden[3 * n + j] * Double(w2.value[j, 0])
            }
            prediction[n] = output
        }
        return (hidden, prediction)
    }

    /// The mean squared error at the current weights.
    func loss() -> Float {
        let prediction = forward().prediction
        let sum = (0..<batch).map { n in (prediction[n] - Double(targets[n])) * (prediction[n] - Double(targets[n])) }
            .reduce(0, +)
        return Float(sum / Double(batch))
    }

    /// Overwrites every parameter's gradient with d loss / d parameter.
    func backward() {
        let (hidden, prediction) = forward()
        var gw1 = [Double](repeating: 0, count: 6), gb1 = [Double](repeating: 0, count: 3)
        var gw2 = [Double](repeating: 0, count: 3), gb2 = 0.0
        for n in 0..<batch {
            let dOutput = 2 * (prediction[n] - Double(targets[n])) / Double(batch)
            gb2 += dOutput
            for j in 0..<3 {
                let h = hidden[3 * n + j]
                gw2[j] += dOutput * h
                let dz = dOutput * Double(w2.value[j, 0]) * (1 - h * h)
                gb1[j] += dz
                gw1[j] += input(n, 0) * dz
                gw1[3 + j] += input(n, 1) * dz
            }
        }
        for (parameter, gradient) in zip(parameters, [gw1, gb1, gw2, [gb2]]) {
            for (i, g) in gradient.enumerated() { parameter.grad.data[i] = Float(g) }
        }
    }
}
