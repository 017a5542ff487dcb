"""PyTorch's fit on the same data, architecture, optimizer and iterations as an nnscript recipe (FitQualityTests).

Reads a CSV table (header; inputs, then the target last; a target that is not numeric is class labels, in order
of first appearance, as nnscript reads it), trains an MLP of tanh hidden layers and a linear output with Adam on
the full batch, and prints one JSON object: the final training loss and the accuracy (classes) or the mean squared
error (numbers) over the training rows.

Run:  ~/.venvs/peers/bin/python Tests/NNScriptTests/Reference/fit_quality.py TABLE.csv HIDDEN LR ITERATIONS SEED
      (HIDDEN: widths joined by commas, e.g. 16,16)
"""

import csv
import json
import sys

import torch


def read(path):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    body = rows[1:]
    inputs = [[float(v) for v in row[:-1]] for row in body]
    targets = [row[-1].strip() for row in body]
    try:
        values = [float(t) for t in targets]
        return inputs, values, None
    except ValueError:
        classes = []
        for t in targets:
            if t not in classes:
                classes.append(t)
        return inputs, [classes.index(t) for t in targets], classes


def main():
    path, hidden, lr, iterations, seed = sys.argv[1:6]
    torch.manual_seed(int(seed))
    inputs, targets, classes = read(path)
    x = torch.tensor(inputs, dtype=torch.float32)
    widths = [x.shape[1]] + [int(w) for w in hidden.split(",")]
    layers = []
    for a, b in zip(widths, widths[1:]):
        layers += [torch.nn.Linear(a, b), torch.nn.Tanh()]
    outputs = len(classes) if classes else 1
    layers.append(torch.nn.Linear(widths[-1], outputs))
    model = torch.nn.Sequential(*layers)
    if classes:
        y = torch.tensor(targets, dtype=torch.long)
        loss_fn = torch.nn.CrossEntropyLoss()
    else:
        y = torch.tensor(targets, dtype=torch.float32).reshape(-1, 1)
        loss_fn = torch.nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=float(lr))
    for _ in range(int(iterations)):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        prediction = model(x)
        result = {"loss": loss_fn(prediction, y).item()}
        if classes:
            result["accuracy"] = (prediction.argmax(dim=1) == y).double().mean().item()
        else:
            result["mse"] = torch.mean((prediction - y) ** 2).item()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
