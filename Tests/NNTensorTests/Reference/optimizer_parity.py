"""Reference numbers for the optimizer and schedule parity tests of NNTensor.

Trains a fixed 2-3-1 tanh net (hidden tanh, linear output, mse over 8 fixed points) for 100 steps with each
optimizer configuration below, using torch.optim and torch.optim.lr_scheduler, and writes the final parameters
(of a float32 run, and of a float64 run to show the float32 noise floor), with the learning rates of each schedule, as Swift literals to OptimizerParityReference.swift beside this
script. Each case carries the Swift expressions that build the same optimizer and schedule, so the test and the
reference are written from one table.

Run:  ~/.venvs/peers/bin/python Tests/NNTensorTests/Reference/optimizer_parity.py
"""

import math
import os

import numpy as np
import torch

STEPS = 100

# The fixed problem. Layout as NNTensor's dense layers: h = tanh(x·W1 + b1), y = h·W2 + b2.
X = [[-1.0, 0.5], [-0.75, -0.25], [-0.5, 1.0], [-0.25, -0.75], [0.0, 0.25], [0.25, -1.0], [0.5, 0.75], [1.0, -0.5]]
Y = [[math.sin(2 * a) * math.cos(b)] for a, b in X]
W1 = [[0.5, -0.3, 0.8], [-0.6, 0.2, 0.4]]
B1 = [[0.1, -0.2, 0.05]]
W2 = [[0.7], [-0.5], [0.3]]
B2 = [[0.1]]

# Each case: name, torch optimizer class, its kwargs, max grad norm (or None), schedule (or None),
# and the Swift OptimizerConfig / LearningRateSchedule expressions that mean the same.
CASES = [
    ("sgd", torch.optim.SGD, dict(lr=0.1), None, None,
     "OptimizerConfig(kind: .sgd, learningRate: 0.1)"),
    ("momentum", torch.optim.SGD, dict(lr=0.05, momentum=0.9), None, None,
     "OptimizerConfig(kind: .momentum, learningRate: 0.05)"),
    ("nesterov", torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True), None, None,
     "OptimizerConfig(kind: .nesterov, learningRate: 0.05)"),
    ("adam", torch.optim.Adam, dict(lr=0.01), None, None,
     "OptimizerConfig(kind: .adam, learningRate: 0.01)"),
    ("adam-defaults", torch.optim.Adam, dict(), None, None,
     "OptimizerConfig(kind: .adam)"),
    ("adamw", torch.optim.AdamW, dict(lr=0.01, weight_decay=0.1), None, None,
     "OptimizerConfig(kind: .adamw, learningRate: 0.01, weightDecay: 0.1)"),
    ("rmsprop", torch.optim.RMSprop, dict(lr=0.01), None, None,
     "OptimizerConfig(kind: .rmsprop, learningRate: 0.01)"),
    ("rmsprop-momentum", torch.optim.RMSprop, dict(lr=0.005, momentum=0.5), None, None,
     "OptimizerConfig(kind: .rmsprop, learningRate: 0.005, momentum: 0.5)"),
    ("adagrad", torch.optim.Adagrad, dict(lr=0.1), None, None,
     "OptimizerConfig(kind: .adagrad, learningRate: 0.1)"),
    ("sgd-weight-decay", torch.optim.SGD, dict(lr=0.1, momentum=0.9, weight_decay=0.05), None, None,
     "OptimizerConfig(kind: .sgd, learningRate: 0.1, momentum: 0.9, weightDecay: 0.05)"),
    ("adam-weight-decay", torch.optim.Adam, dict(lr=0.01, weight_decay=0.05), None, None,
     "OptimizerConfig(kind: .adam, learningRate: 0.01, weightDecay: 0.05)"),
    ("sgd-clip", torch.optim.SGD, dict(lr=0.1), 0.05, None,
     "OptimizerConfig(kind: .sgd, learningRate: 0.1, clip: 0.05)"),
    ("adam-clip", torch.optim.Adam, dict(lr=0.01), 0.02, None,
     "OptimizerConfig(kind: .adam, learningRate: 0.01, clip: 0.02)"),
    ("adam-cosine-warmup", torch.optim.Adam, dict(lr=0.02), None, ("cosine", dict(min_lr=0.001), 10),
     "OptimizerConfig(kind: .adam, learningRate: 0.02)"),
    ("nesterov-step", torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True), None,
     ("step", dict(every=30, gamma=0.5), 0),
     "OptimizerConfig(kind: .nesterov, learningRate: 0.05)"),
]

# Schedules checked on their own: (kind, options, warmup, base, total steps).
SCHEDULES = [
    ("constant", dict(), 0, 0.01, 50),
    ("constant", dict(), 5, 0.01, 50),
    ("step", dict(every=7, gamma=0.5), 0, 0.1, 50),
    ("step", dict(every=10, gamma=0.3), 4, 0.1, 50),
    ("exponential", dict(gamma=0.95), 0, 0.05, 50),
    ("exponential", dict(gamma=0.9), 3, 0.05, 50),
    ("cosine", dict(min_lr=0.0), 0, 0.1, 50),
    ("cosine", dict(min_lr=0.001), 0, 0.02, 100),
    ("cosine", dict(min_lr=0.001), 10, 0.02, 100),
]


def make_scheduler(optimizer, kind, options, warmup, total):
    """The torch scheduler for a schedule: the main one over the steps after warmup, after a LinearLR warmup
    from base/warmup to base over the first `warmup` steps (so step t < warmup gets base·(t+1)/warmup)."""
    sched = torch.optim.lr_scheduler
    if kind == "constant":
        main = sched.LambdaLR(optimizer, lambda t: 1.0)
    elif kind == "step":
        main = sched.StepLR(optimizer, step_size=options["every"], gamma=options["gamma"])
    elif kind == "exponential":
        main = sched.ExponentialLR(optimizer, gamma=options["gamma"])
    else:
        main = sched.CosineAnnealingLR(optimizer, T_max=total - warmup, eta_min=options["min_lr"])
    if warmup == 0:
        return main
    ramp = sched.LinearLR(optimizer, start_factor=1.0 / warmup, end_factor=1.0, total_iters=warmup - 1)
    return sched.SequentialLR(optimizer, schedulers=[ramp, main], milestones=[warmup])


def closed_form(kind, options, warmup, base, total, t):
    """The formula NNTensor's LearningRateSchedule documents; checked here against the torch schedulers."""
    if t < warmup:
        return base * (t + 1) / warmup
    t, span = t - warmup, total - warmup
    if kind == "constant":
        return base
    if kind == "step":
        return base * options["gamma"] ** (t // options["every"])
    if kind == "exponential":
        return base * options["gamma"] ** t
    lo = options["min_lr"]
    return lo + (base - lo) * (1 + math.cos(math.pi * min(t, span) / span)) / 2


def schedule_lrs(kind, options, warmup, base, total):
    p = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=base)
    scheduler = make_scheduler(optimizer, kind, options, warmup, total)
    lrs = []
    for t in range(total):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    for t, lr in enumerate(lrs):
        expected = closed_form(kind, options, warmup, base, total, t)
        assert abs(lr - expected) <= 1e-9 * max(abs(expected), 1e-3), (kind, warmup, t, lr, expected)
    return lrs


def loss_of(params, x, y):
    w1, b1, w2, b2 = params
    prediction = torch.tanh(x @ w1 + b1) @ w2 + b2
    return torch.mean((prediction - y) ** 2)


def train(optimizer_class, kwargs, clip, schedule, dtype):
    """Final parameters, final loss and the number of clipped steps after STEPS updates in `dtype`."""
    params = [torch.tensor(v, dtype=dtype, requires_grad=True) for v in (W1, B1, W2, B2)]
    x = torch.tensor(X, dtype=dtype)
    y = torch.tensor(Y, dtype=dtype)
    extra = {} if optimizer_class is torch.optim.Adagrad else dict(foreach=False)  # the plain single-tensor path
    optimizer = optimizer_class(params, **kwargs, **extra)
    scheduler = make_scheduler(optimizer, schedule[0], schedule[1], schedule[2], STEPS) if schedule else None
    clipped = 0
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = loss_of(params, x, y)
        loss.backward()
        if clip is not None:
            clipped += int(torch.nn.utils.clip_grad_norm_(params, clip).item() > clip)
        optimizer.step()
        if scheduler:
            scheduler.step()
    final_loss = loss_of(params, x, y).item()
    return [p.detach().numpy().reshape(-1).tolist() for p in params], final_loss, clipped


def f32(value):
    return np.format_float_positional(np.float32(value), unique=True, trim="0")


def f64(value):
    return repr(float(value))


def swift_floats(values, fmt=f32, indent=None, per_line=6):
    """A Swift array literal; long ones wrapped `per_line` values a line at `indent` spaces."""
    items = [fmt(v) for v in values]
    if indent is None or len(items) <= per_line:
        return "[" + ", ".join(items) + "]"
    rows = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    pad = " " * indent
    return "[\n" + ",\n".join(pad + "    " + row for row in rows) + ",\n" + pad + "]"


def swift_schedule(kind, options, warmup):
    if kind == "constant":
        main = ".constant"
    elif kind == "step":
        main = f".step(every: {options['every']}, gamma: {options['gamma']})"
    elif kind == "exponential":
        main = f".exponential(gamma: {options['gamma']})"
    else:
        main = f".cosine(minLR: {options['min_lr']})"
    return f"LearningRateSchedule({main}, warmup: {warmup})"


def main():
    lines = [
        f"// Generated by optimizer_parity.py with torch {torch.__version__}; do not edit, re-run the script.",
        "import NNTensor",
        "",
        "/// PyTorch's results on the fixed 2-3-1 tanh problem and its learning-rate schedules.",
        "enum ParityReference {",
        f"    static let steps = {STEPS}",
        f"    static let inputs: [Float] = {swift_floats(sum(X, []), indent=4, per_line=8)}",
        f"    static let targets: [Float] = {swift_floats(sum(Y, []), indent=4, per_line=4)}",
        "    /// W1 [2, 3], b1 [1, 3], W2 [3, 1], b2 [1, 1], row-major.",
        "    static let initialParameters: [[Float]] = [",
    ]
    for value in (W1, B1, W2, B2):
        lines.append(f"        {swift_floats(sum(value, []))},")
    lines += ["    ]", "", "    static let optimizerCases: [OptimizerCase] = ["]
    for name, optimizer_class, kwargs, clip, schedule, swift_config in CASES:
        final, final_loss, clipped = train(optimizer_class, kwargs, clip, schedule, torch.float32)
        exact, _, _ = train(optimizer_class, kwargs, clip, schedule, torch.float64)
        swift_sched = swift_schedule(*schedule) if schedule else "nil"
        lines.append(f'        OptimizerCase(name: "{name}",')
        lines.append(f"                      config: {swift_config},")
        lines.append(f"                      schedule: {swift_sched}, finalLoss: {f32(final_loss)},")
        lines.append("                      finalParameters: [")
        for values in final:
            lines.append(f"                          {swift_floats(values)},")
        lines.append("                      ],")
        lines.append("                      finalParametersFloat64: [")
        for values in exact:
            lines.append(f"                          {swift_floats(values, f64, indent=26, per_line=3)},")
        lines.append("                      ]),")
        flat32, flat64 = np.concatenate(final), np.concatenate(exact)
        noise = np.max(np.abs(flat32 - flat64) / np.maximum(np.abs(flat64), 1e-3))
        print(f"{name:20s} final loss {final_loss:.6g}  clipped steps {clipped:3d}  "
              f"float32 vs float64 max relative difference {noise:.2e}")
    lines += ["    ]", "", "    static let scheduleCases: [ScheduleCase] = ["]
    for kind, options, warmup, base, total in SCHEDULES:
        lrs = schedule_lrs(kind, options, warmup, base, total)
        lines.append(f"        ScheduleCase(schedule: {swift_schedule(kind, options, warmup)}, base: {base}, "
                     f"totalSteps: {total},")
        lines.append(f"                     learningRates: {swift_floats(lrs, f64, indent=21, per_line=4)}),")
    lines += ["    ]", "}", ""]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "OptimizerParityReference.swift")
    with open(path, "w") as out:
        out.write("\n".join(lines))
    print("wrote", path)


if __name__ == "__main__":
    main()
