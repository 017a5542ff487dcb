#!/usr/bin/env bash
# Checks `export pytorch`: the Swift tests write each export fixture's script and its expected outputs (computed
# by the Double reference evaluator), then every script runs under PyTorch and its printed predictions are compared.
# torch is too large for CI, so this runs by hand:
#   Tests/NNScriptTests/Reference/check_pytorch_export.sh
# NNSCRIPT_PYTHON names a Python with torch (default ~/.venvs/peers/bin/python).
set -euo pipefail
cd "$(dirname "$0")/../../.."
python="${NNSCRIPT_PYTHON:-$HOME/.venvs/peers/bin/python}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

NNSCRIPT_EXPORT_DIR="$out" swift test --filter PyTorchExporterTests/dumpsScriptsForTheTorchCheck >"$out/swift-test.log" 2>&1 \
  || { cat "$out/swift-test.log"; exit 1; }
"$python" Tests/NNScriptTests/Reference/check_pytorch_export.py "$out"
