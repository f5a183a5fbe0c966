"""NetworkX peer for bench/resilience.ts: the single-failure sweep done the plain way.

Reads {"n", "edges": [[u, v, w], ...], "sample": [edge indices]} on stdin; for each sampled edge it removes
the edge, recomputes all-pairs Dijkstra from scratch, compares every pair with the intact network and puts
the edge back. Prints {"base_s", "per_failure_s": [...], "results": [[disconnected, degraded, extra], ...]}.
Run with Debian's /usr/bin/python3 (python3-networkx).
"""
import json
import sys
import time

import networkx as nx


def main():
    data = json.load(sys.stdin)
    g = nx.MultiGraph()
    g.add_nodes_from(range(data["n"]))
    keys = []
    for u, v, w in data["edges"]:
        keys.append((u, v, g.add_edge(u, v, weight=w)))
    t = time.perf_counter()
    base = dict(nx.all_pairs_dijkstra_path_length(g, weight="weight"))
    base_s = time.perf_counter() - t
    per, results = [], []
    for e in data["sample"]:
        u, v, k = keys[e]
        attrs = dict(g.edges[u, v, k])
        t = time.perf_counter()
        g.remove_edge(u, v, k)
        after = dict(nx.all_pairs_dijkstra_path_length(g, weight="weight"))
        disconnected = degraded = 0
        extra = 0.0
        for a, row in base.items():
            cut = after[a]
            for b, d in row.items():
                if b <= a:
                    continue
                d2 = cut.get(b)
                if d2 is None:
                    disconnected += 1
                elif d2 > d + 1e-12 * d:
                    degraded += 1
                    extra += 2 * (d2 - d)
        g.add_edge(u, v, k, **attrs)
        per.append(time.perf_counter() - t)
        results.append([disconnected, degraded, extra])
    json.dump({"base_s": base_s, "per_failure_s": per, "results": results, "version": nx.__version__}, sys.stdout)


main()
