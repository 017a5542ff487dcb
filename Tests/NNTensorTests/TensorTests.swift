import Testing
import NNTensor

@Suite struct TensorTests {
    @Test func valuesRoundTripRowMajor() {
        let t = Tensor(shape: Shape(2, 3), values: [1, 2, 3, 4, 5, 6])
        #expect(t[1, 0] == 4)
        #expect(t.array == [1, 2, 3, 4, 5, 6])
    }

    @Test func gemmMatchesHandComputedProduct() {
        let a = Tensor(shape: Shape(2, 2), values: [1, 2, 3, 4])
        let b = Tensor(shape: Shape(2, 2), values: [5, 6, 7, 8])
        let c = Tensor(shape: Shape(2, 2))
        Gemm.multiply(transA: false, transB: false, m: 2, n: 2, k: 2, a: a.data, lda: 2, b: b.data, ldb: 2,
                      c: c.data, ldc: 2)
        #expect(c.array == [19, 22, 43, 50])
    }
}
