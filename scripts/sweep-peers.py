#!/usr/bin/env python3
"""The obvious PyTorch ways to run examples/sin.nn over 16 seeds, timed, for docs/sweeps.md.

The same problem as examples/sin.nn: y = sin(x)/2.5 + N(0, 0.05) at 4000 uniform points in [-1, 9], one hidden
layer of 128 tanh units, a linear output, MSE, Adam lr=2e-2 with a cosine decay to 1e-3 over 3000 full-batch
steps. Two ways a PyTorch user would sweep seeds 1..16:

  loop  a Python loop over the seeds in one process (torch's default intra-op threads)
  mp    torch.multiprocessing, a pool of --jobs processes, one intra-op thread each

Usage: ~/.venvs/peers/bin/python scripts/sweep-peers.py [--trials 16] [--jobs 2] [--steps 3000]
Prints one line per way: total seconds, seconds per trial, and the MSE range over the seeds.
"""
import argparse
import math
import time

import torch
import torch.multiprocessing as mp


def trial(seed, steps=3000, threads=None):
    if threads is not None:
        torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(4000, 1, generator=g) * 10 - 1
    y = torch.sin(x) / 2.5 + 0.05 * torch.randn(4000, 1, generator=g)
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(1, 128), torch.nn.Tanh(), torch.nn.Linear(128, 1))
    opt = torch.optim.Adam(model.parameters(), lr=2e-2)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps, eta_min=1e-3)
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        sched.step()
    with torch.no_grad():
        grid = torch.linspace(-1, 9, 2001).unsqueeze(1)
        return float(torch.mean((model(grid) - torch.sin(grid) / 2.5) ** 2))


def run_one(args):
    seed, steps = args
    return trial(seed, steps, threads=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--steps", type=int, default=3000)
    args = parser.parse_args()
    seeds = list(range(1, args.trials + 1))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} intra-op threads by default")

    start = time.perf_counter()
    mses = [trial(s, args.steps) for s in seeds]
    loop = time.perf_counter() - start
    print(f"loop  {loop:7.1f} s  {loop / len(seeds):5.2f} s/trial  mse {min(mses):.2e} .. {max(mses):.2e}")

    ctx = mp.get_context("spawn")
    start = time.perf_counter()
    with ctx.Pool(args.jobs) as pool:
        mses = pool.map(run_one, [(s, args.steps) for s in seeds])
    pooled = time.perf_counter() - start
    print(f"mp{args.jobs}   {pooled:7.1f} s  {pooled / len(seeds):5.2f} s/trial  mse {min(mses):.2e} .. {max(mses):.2e}")


if __name__ == "__main__":
    main()
