import NNTensor
print("nnscript-bench: no benchmarks yet")
