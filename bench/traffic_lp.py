"""The LPs of bench/traffic-lp.ts (arc formulation aggregated by source, src/traffic/lp.ts) built with
NumPy/SciPy and solved by native HiGHS through scipy.optimize.linprog(method="highs"): min-max utilisation
(minimise U) or max concurrent flow (maximise λ, supplies λ·d, capacities c).
Reads the instance as JSON on stdin; prints {"ms": [...], "objective": U or λ} (model building + solve per run)."""
import json
import sys
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def build_and_solve(n, tails, heads, cap, demands, concurrent):
    keep = tails != heads
    tails, heads, cap = tails[keep], heads[keep], cap[keep]
    m = len(tails)
    scale = demands[:, 2].max()
    sources = np.unique(demands[:, 0].astype(np.int64))
    k_of = np.full(n, -1, dtype=np.int64)
    k_of[sources] = np.arange(len(sources))
    K = len(sources)
    A = 2 * m
    z = K * A
    supply = np.zeros((K, n))
    np.add.at(supply, (k_of[demands[:, 0].astype(np.int64)], demands[:, 0].astype(np.int64)), demands[:, 2] / scale)
    np.add.at(supply, (k_of[demands[:, 0].astype(np.int64)], demands[:, 1].astype(np.int64)), -demands[:, 2] / scale)
    # Conservation row (k, v): arc 2p leaves the tail, 2p + 1 leaves the head (+1 out, −1 in).
    p = np.arange(m)
    ks = np.repeat(np.arange(K), 4 * m)
    rows_v = np.tile(np.concatenate([tails, heads, heads, tails]), K)
    arcs = np.tile(np.concatenate([2 * p, 2 * p + 1, 2 * p, 2 * p + 1]), K)
    vals = np.tile(np.concatenate([np.ones(m), np.ones(m), -np.ones(m), -np.ones(m)]), K)
    cr = np.concatenate([np.tile(np.concatenate([p, p]), K), p])
    cc = np.concatenate([(np.repeat(np.arange(K), 2 * m) * A + np.tile(np.concatenate([2 * p, 2 * p + 1]), K)), np.full(m, z)])
    if concurrent:
        # Conservation (k, v): out − in − supply·λ = 0; capacity row e: Σ_k x_k(2p) + x_k(2p + 1) ≤ c_e/scale.
        lam_rows = np.flatnonzero(supply.reshape(-1))
        eq = csr_matrix(
            (np.concatenate([vals, -supply.reshape(-1)[lam_rows]]), (np.concatenate([ks * n + rows_v, lam_rows]), np.concatenate([ks * A + arcs, np.full(len(lam_rows), z)]))),
            shape=(K * n, z + 1),
        )
        ub = csr_matrix((np.ones(2 * K * m), (cr[: 2 * K * m], cc[: 2 * K * m])), shape=(m, z + 1))
        c = np.zeros(z + 1)
        c[z] = -1
        res = linprog(c, A_ub=ub, b_ub=cap / scale, A_eq=eq, b_eq=np.zeros(K * n), bounds=(0, None), method="highs")
        if res.status != 0:
            raise SystemExit(f"linprog: {res.message}")
        return -res.fun
    eq = csr_matrix((vals, (ks * n + rows_v, ks * A + arcs)), shape=(K * n, z + 1))
    # Capacity row e: Σ_k x_k(2p) + x_k(2p + 1) − c_e/scale · U ≤ 0.
    cv = np.concatenate([np.ones(2 * K * m), -cap / scale])
    ub = csr_matrix((cv, (cr, cc)), shape=(m, z + 1))
    c = np.zeros(z + 1)
    c[z] = 1
    res = linprog(c, A_ub=ub, b_ub=np.zeros(m), A_eq=eq, b_eq=supply.reshape(-1), bounds=(0, None), method="highs")
    if res.status != 0:
        raise SystemExit(f"linprog: {res.message}")
    return res.fun


def main():
    data = json.load(sys.stdin)
    n = data["n"]
    tails = np.array(data["tails"], dtype=np.int64)
    heads = np.array(data["heads"], dtype=np.int64)
    cap = np.array(data["cap"], dtype=float)
    demands = np.array(data["demands"], dtype=float)
    times = []
    objective = None
    for _ in range(data["warmup"] + data["repeats"]):
        start = time.perf_counter()
        objective = build_and_solve(n, tails, heads, cap, demands, data.get("objective") == "max-concurrent-flow")
        times.append(1000 * (time.perf_counter() - start))
    print(json.dumps({"ms": times[data["warmup"]:], "objective": objective}))


main()
