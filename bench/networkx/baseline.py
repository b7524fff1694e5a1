#!/usr/bin/python3
"""NetworkX baseline for the exposure benchmark (see docs/benchmarks.md, "Exposure").

Reads an attack graph written by the harness (bench/Seam.Bench/Exposure/AttackGraphExport.cs), loads it into a
networkx.DiGraph with a super-source joined to every entry node by an edge of weight -ln(p_entry), and times:

  (a) reachability: nx.descendants(G, super_source), a breadth-first search;
  (b) nx.multi_source_dijkstra(G, {super_source}): distances and the path to every reached node;
  (c) nx.multi_source_dijkstra_path_length(G, {super_source}): distances only.

Loading is timed separately and is not part of (a)-(c). As timeit does, the cyclic garbage collector is off while a
search is timed (Seam's garbage collector stays on). It prints one JSON object and writes, for the harness to check
against its own searches, one byte per node (1 = reached by (a)) and one little-endian float64 per node (the distance
from (b), +inf when unreached).

Run with Debian's interpreter and package: /usr/bin/python3 with python3-networkx.
"""

import argparse
import array
import gc
import json
import math
import platform
import struct
import sys
import time

import networkx as nx

MAGIC = b"SEAMAG01"


def read_graph(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != MAGIC:
        raise SystemExit(f"{path}: not a Seam attack graph export (magic {data[:8]!r}, expected {MAGIC!r})")
    nodes, sources, edges = struct.unpack_from("<iiq", data, 8)
    offset = 24

    def take(code, count):
        nonlocal offset
        values = array.array(code)
        size = values.itemsize * count
        values.frombytes(data[offset:offset + size])
        offset += size
        if sys.byteorder != "little":
            values.byteswap()
        return values

    source_nodes = take("i", sources)
    source_weights = take("d", sources)
    edge_from = take("i", edges)
    edge_to = take("i", edges)
    edge_weight = take("d", edges)
    if offset != len(data):
        raise SystemExit(f"{path}: {len(data) - offset} bytes left over after {edges} edges")
    return nodes, source_nodes, source_weights, edge_from, edge_to, edge_weight


def timed(function, warmup, runs):
    """Like timeit, with the cyclic garbage collector off while the clock runs: with millions of graph objects alive a
    full collection costs seconds, and it would land on whichever search happens to trigger it."""
    result = None
    for _ in range(warmup):
        result = None
        result = function()
    seconds = []
    for _ in range(runs):
        result = None
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            result = function()
            seconds.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return result, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", help="the export written by the harness")
    parser.add_argument("--out", required=True, help="prefix for the .reach and .dist result files")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--lengths", action="store_true", help="also time (c), Dijkstra without paths")
    args = parser.parse_args()

    start = time.perf_counter()
    nodes, source_nodes, source_weights, edge_from, edge_to, edge_weight = read_graph(args.graph)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(nodes + 1))
    graph.add_weighted_edges_from(zip(edge_from, edge_to, edge_weight))
    super_source = nodes
    graph.add_weighted_edges_from((super_source, s, w) for s, w in zip(source_nodes, source_weights))
    load_seconds = time.perf_counter() - start
    del edge_from, edge_to, edge_weight

    reached, reach_seconds = timed(lambda: nx.descendants(graph, super_source), args.warmup, args.runs)
    (distances, paths), dijkstra_seconds = timed(lambda: nx.multi_source_dijkstra(graph, {super_source}), args.warmup, args.runs)
    lengths_seconds = []
    if args.lengths:
        _, lengths_seconds = timed(lambda: nx.multi_source_dijkstra_path_length(graph, {super_source}), args.warmup, args.runs)

    reach_bytes = bytearray(nodes)
    for node in reached:
        if node != super_source:
            reach_bytes[node] = 1
    dist = array.array("d", [math.inf]) * nodes
    for node, d in distances.items():
        if node != super_source:
            dist[node] = d
    if sys.byteorder != "little":
        dist.byteswap()
    with open(args.out + ".reach", "wb") as f:
        f.write(reach_bytes)
    with open(args.out + ".dist", "wb") as f:
        dist.tofile(f)

    # Every path NetworkX returns must end where it says and start at the super-source; checked here, outside the timings.
    longest = 0
    for node, path in paths.items():
        if path[0] != super_source or path[-1] != node:
            raise SystemExit(f"path to {node} does not run from the super-source to it: {path[:3]}…{path[-3:]}")
        longest = max(longest, len(path) - 1)

    print(json.dumps({
        "python": platform.python_version(),
        "networkx": nx.__version__,
        "nodes": nodes,
        "edges": graph.number_of_edges() - len(source_nodes),
        "sources": len(source_nodes),
        "reached": len(reached) - (1 if super_source in reached else 0),
        "pathsReturned": len(paths) - 1,
        "longestPathHops": max(longest - 1, 0),
        "loadSeconds": load_seconds,
        "reachSeconds": reach_seconds,
        "dijkstraSeconds": dijkstra_seconds,
        "dijkstraLengthsSeconds": lengths_seconds,
    }))


if __name__ == "__main__":
    main()
