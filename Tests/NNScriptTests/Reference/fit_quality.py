"""PyTorch's fit on the same data, architecture, optimizer and iterations as an nnscript recipe (FitQualityTests).

Reads a CSV table (header; inputs, then the target last; a target that is not numeric is class labels, in order
of first appearance, as nnscript reads it), trains an MLP of tanh hidden layers and a linear output with Adam on
the full batch, and prints one JSON object: the final training loss and the accuracy (classes) or the mean squared
error (numbers) over the training rows, and the same over a holdout table when one is given.

The network's inputs are made as the recipe's `features` and `normalize` make them: each feature is an expression
of the columns (by header name; sin, cos, exp, tanh and * + - / ^ as in nnscript), then each is standardised with
the training rows' mean and population std (an input with std 0 is scaled by 1).

Run:  ~/.venvs/peers/bin/python Tests/NNScriptTests/Reference/fit_quality.py TABLE.csv HIDDEN LR ITERATIONS SEED
          [--features "x1; x2; x1 * x2"] [--normalize] [--holdout TEST.csv]
      (HIDDEN: widths joined by commas, e.g. 16,16; features separated by semicolons)
"""

import argparse
import csv
import json

import torch


def read(path, classes=None):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    inputs = [[float(v) for v in row[:-1]] for row in body]
    targets = [row[-1].strip() for row in body]
    if classes is None:
        try:
            return header[:-1], inputs, [float(t) for t in targets], None
        except ValueError:
            classes = []
            for t in targets:
                if t not in classes:
                    classes.append(t)
    return header[:-1], inputs, [classes.index(t) for t in targets], classes


def network_inputs(names, inputs, features):
    x = torch.tensor(inputs, dtype=torch.float32)
    if not features:
        return x
    scope = {name: x[:, i].double() for i, name in enumerate(names)}
    scope.update({f"x{i + 1}": x[:, i].double() for i in range(len(names))})
    scope.update({"sin": torch.sin, "cos": torch.cos, "exp": torch.exp, "tanh": torch.tanh, "pi": torch.pi})
    columns = [eval(f.replace("^", "**"), {"__builtins__": {}}, scope) for f in features]
    # Rounded to float32 as nnscript keeps them.
    return torch.stack([c if torch.is_tensor(c) else torch.full_like(x[:, 0].double(), c) for c in columns],
                       dim=1).float()


def standardise(x, mean, std):
    return ((x.double() - mean) / std).float()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("table")
    parser.add_argument("hidden")
    parser.add_argument("lr", type=float)
    parser.add_argument("iterations", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("--features", default="")
    parser.add_argument("--normalize", action="store_true")
    parser.add_argument("--holdout")
    args = parser.parse_args()
    features = [f.strip() for f in args.features.split(";") if f.strip()]

    torch.manual_seed(args.seed)
    names, inputs, targets, classes = read(args.table)
    x = network_inputs(names, inputs, features)
    mean = std = None
    if args.normalize:
        mean = x.double().mean(dim=0)
        std = x.double().std(dim=0, unbiased=False)
        std[std == 0] = 1
        x = standardise(x, mean, std)
    widths = [x.shape[1]] + [int(w) for w in args.hidden.split(",")]
    layers = []
    for a, b in zip(widths, widths[1:]):
        layers += [torch.nn.Linear(a, b), torch.nn.Tanh()]
    outputs = len(classes) if classes else 1
    layers.append(torch.nn.Linear(widths[-1], outputs))
    model = torch.nn.Sequential(*layers)

    def target_tensor(values):
        if classes:
            return torch.tensor(values, dtype=torch.long)
        return torch.tensor(values, dtype=torch.float32).reshape(-1, 1)

    y = target_tensor(targets)
    loss_fn = torch.nn.CrossEntropyLoss() if classes else torch.nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    for _ in range(args.iterations):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    def judge(inputs, labels, prefix):
        with torch.no_grad():
            prediction = model(inputs)
            result = {prefix + "loss": loss_fn(prediction, labels).item()}
            if classes:
                result[prefix + "accuracy"] = (prediction.argmax(dim=1) == labels).double().mean().item()
            else:
                result[prefix + "mse"] = torch.mean((prediction - labels) ** 2).item()
        return result

    result = judge(x, y, "")
    if args.holdout:
        _, test_inputs, test_targets, _ = read(args.holdout, classes)
        test = network_inputs(names, test_inputs, features)
        if args.normalize:
            test = standardise(test, mean, std)
        result.update(judge(test, target_tensor(test_targets), "holdout_"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
