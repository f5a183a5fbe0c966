"""igraph and NetworkX peers for bench/traffic-graph.ts: max-flow and betweenness on the same graph.

Reads {"n", "edges": [[u, v, capacity, weight], ...], "task": "maxflow" | "betweenness", "peer": "igraph" |
"networkx", "pairs": [[s, t], ...], "repeats"} on stdin; builds the graph once (not timed), then times the
algorithm alone. Prints {"times_s": [...], "values": [...]}: per max-flow pair its value (median time over
repeats per pair), for betweenness the total of node betweenness. Times are the process's CPU time
(time.process_time), as on silkway's side: the machine is shared, and wall time there measures the scheduler. Run with Debian's /usr/bin/python3
(python3-igraph, python3-networkx). The graph is undirected: each edge holds its capacity in each direction.
"""
import json
import sys
import time


def main():
    data = json.load(sys.stdin)
    n, edges, task, peer = data["n"], data["edges"], data["task"], data["peer"]
    repeats = data.get("repeats", 1)
    times, values = [], []
    if peer == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=[(u, v) for u, v, _, _ in edges], directed=False)
        capacity = [c for _, _, c, _ in edges]
        weight = [w for _, _, _, w in edges]
        if task == "maxflow":
            for s, t in data["pairs"]:
                samples = []
                for _ in range(repeats):
                    start = time.process_time()
                    value = g.maxflow_value(s, t, capacity=capacity)
                    samples.append(time.process_time() - start)
                times.append(sorted(samples)[len(samples) // 2])
                values.append(value)
        else:
            for _ in range(repeats):
                start = time.process_time()
                b = g.betweenness(directed=False, weights=weight)
                times.append(time.process_time() - start)
            values.append(sum(b))
    else:
        import networkx as nx

        # NetworkX's flow functions take no multigraph: parallel edges are merged, capacities added.
        g = nx.Graph()
        g.add_nodes_from(range(n))
        for u, v, c, w in edges:
            if u == v:
                continue
            if g.has_edge(u, v):
                g[u][v]["capacity"] += c
            else:
                g.add_edge(u, v, capacity=c, weight=w)
        if task == "maxflow":
            for s, t in data["pairs"]:
                samples = []
                for _ in range(repeats):
                    start = time.process_time()
                    value = nx.maximum_flow_value(g, s, t, capacity="capacity")
                    samples.append(time.process_time() - start)
                times.append(sorted(samples)[len(samples) // 2])
                values.append(value)
        else:
            raise SystemExit("betweenness is benched against igraph only")
    json.dump({"times_s": times, "values": values}, sys.stdout)


if __name__ == "__main__":
    main()
