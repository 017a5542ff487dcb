import Foundation
import Testing
import NNTensor

/// Central finite-difference gradient checks of a compiled graph.
///
/// The checked function is `Σ (f(parameters) ∘ weights)` with fixed random weights, so every output element gets a
/// different upstream gradient. Each parameter element is moved by ±`step` and the difference quotient compared
/// with the backward pass, with a tolerance fit for Float arithmetic.
struct GradientCheck {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Draws {
        var state: UInt64
        mutating func next() -> Float {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Float(z >> 40) / Float(1 << 24)
        }
        mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * next() }
    }

    /// How to draw a parameter's values: uniform in `low…high`, kept `margin` away from each of `kinks`.
    struct Domain {
        var low: Float = -1.5
        var high: Float = 1.5
        var kinks: [Float] = []
        var margin: Float = 0.05

        static let standard = Domain()
        static let positive = Domain(low: 0.5, high: 2)
        static func avoiding(_ kinks: Float...) -> Domain { Domain(kinks: kinks) }
    }

    var step: Float = 1e-2
    var relativeTolerance: Float = 1e-2
    var absoluteTolerance: Float = 2e-3

    /// Builds `f` on parameters of `shapes` (drawn from `domains`, default `.standard`) and checks every gradient.
    /// Returns the number of mismatching elements (0 when the check passes) and records an issue for each.
    @discardableResult
    func check(_ name: String, shapes: [Shape], domains: [Domain] = [], seed: UInt64 = 1,
               sourceLocation: SourceLocation = #_sourceLocation,
               _ f: (Graph, [Node]) -> Node) throws -> Int {
        var draws = Draws(state: seed)
        let parameters = shapes.enumerated().map { index, shape in
            let domain = index < domains.count ? domains[index] : .standard
            let values = (0..<shape.count).map { _ in draw(domain, &draws) }
            return Parameter(name: "p\(index)", value: Tensor(shape: shape, values: values))
        }
        let graph = Graph()
        let result = f(graph, parameters.map(graph.parameter))
        let weights = graph.input("weights", shape: result.shape)
        let objective = graph.sum(graph.mul(result, weights))
        let program = try CompiledGraph(graph: graph, outputs: [result], loss: objective)
        for i in 0..<weights.shape.count { program.buffer(for: weights).data[i] = draws.uniform(0.5, 1.5) }

        var mismatches = 0
        for d in Self.differences(program, objective: objective, parameters: parameters, step: step) {
            let numeric = Float(d.numeric), analytic = d.analytic
            let tolerance = absoluteTolerance + relativeTolerance * max(Swift.abs(numeric), Swift.abs(analytic))
            if !(Swift.abs(numeric - analytic) <= tolerance) {
                mismatches += 1
                Issue.record("\(name): d/d\(d.parameter.name)[\(d.index)] backward \(analytic), finite difference \(numeric)",
                             sourceLocation: sourceLocation)
            }
        }
        return mismatches
    }

    /// The backward pass's gradient of `objective` for every element of `parameters`, beside its central difference
    /// quotient (each element moved by ±`step`, the others held). The inputs must be filled.
    static func differences(_ program: CompiledGraph, objective: Node, parameters: [Parameter], step: Float)
        -> [(parameter: Parameter, index: Int, analytic: Float, numeric: Double)] {
        program.forward()
        program.backward()
        var result: [(parameter: Parameter, index: Int, analytic: Float, numeric: Double)] = []
        for p in parameters {
            let analytic = p.grad.array
            for i in 0..<p.value.count {
                let original = p.value.data[i]
                p.value.data[i] = original + step
                program.forward()
                let plus = Double(program.value(of: objective).data[0])
                p.value.data[i] = original - step
                program.forward()
                let minus = Double(program.value(of: objective).data[0])
                p.value.data[i] = original
                result.append((p, i, analytic[i], (plus - minus) / (2 * Double(step))))
            }
        }
        return result
    }

    private func draw(_ domain: Domain, _ draws: inout Draws) -> Float {
        while true {
            let v = draws.uniform(domain.low, domain.high)
            if domain.kinks.allSatisfy({ Swift.abs(v - $0) > domain.margin }) { return v }
        }
    }
}
