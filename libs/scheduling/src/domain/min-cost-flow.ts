/**
 * Min-cost flow by successive shortest paths (Dijkstra on reduced costs with Johnson potentials),
 * profits given as negative costs. Capacities and costs are integers.
 */
export class MinCostFlow {
  private readonly head: Int32Array;
  private next: number[] = [];
  private to: number[] = [];
  private cap: number[] = [];
  private cost: number[] = [];

  constructor(private readonly nodeCount: number) {
    this.head = new Int32Array(nodeCount).fill(-1);
  }

  /** Adds an arc and returns its id (its residual twin is id ^ 1). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    const id = this.to.length;
    this.to.push(to, from);
    this.cap.push(capacity, 0);
    this.cost.push(cost, -cost);
    this.next.push(this.head[from]!, this.head[to]!);
    this.head[from] = id;
    this.head[to] = id + 1;
    return id;
  }

  /** Flow now on an arc. */
  flowOn(arc: number): number {
    return this.cap[arc ^ 1]!;
  }

  /**
   * Max-profit flow as a circulation through one hub node (profits are negative costs). Each source
   * gets a closure arc hub -> source carrying its supply; the flow is improved by cancelling negative
   * cycles hub -> source -> ... -> hub, each found as a cheapest path source -> hub by Dijkstra on
   * reduced costs (Johnson potentials). A path may end through another source's closure arc in
   * reverse: that source gives its flow up to a more valuable one ("bumping"). Passes repeat until no
   * source improves, so the result is an optimal (possibly split) flow. `initialPotential` must make
   * every reduced cost non-negative. `shouldStop` is called between augmentations and may throw.
   */
  run(
    sources: readonly { node: number; supply: number }[],
    hub: number,
    initialPotential: Float64Array,
    shouldStop?: () => void,
  ): { flow: number; cost: number; closureArcs: number[] } {
    const n = this.nodeCount;
    const potential = Float64Array.from(initialPotential);
    const dist = new Float64Array(n).fill(Infinity);
    const prevArc = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    const touched: number[] = [];
    const heap = new BinaryHeap();
    const closureArcs = sources.map(({ node, supply }) => this.addArc(hub, node, supply, 0));
    let flow = 0;
    let total = 0;
    for (let improved = true; improved;) {
      improved = false;
      for (let s = 0; s < sources.length; s++) {
        const source = sources[s]!.node;
        const closure = closureArcs[s]!;
        while (this.cap[closure]! > 0) {
          shouldStop?.();
          for (const v of touched) {
            dist[v] = Infinity;
            done[v] = 0;
            prevArc[v] = -1;
          }
          touched.length = 0;
          dist[source] = 0;
          touched.push(source);
          heap.clear();
          heap.push(0, source);
          let reach = Infinity;
          while (heap.size > 0) {
            const [d, u] = heap.pop();
            if (done[u]) continue;
            done[u] = 1;
            if (u === hub) {
              reach = d;
              break;
            }
            for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
              if (this.cap[a]! <= 0) continue;
              const v = this.to[a]!;
              if (done[v]) continue;
              const nd = d + this.cost[a]! + potential[u]! - potential[v]!;
              if (nd < dist[v]!) {
                if (dist[v] === Infinity) touched.push(v);
                dist[v] = nd;
                prevArc[v] = a;
                heap.push(nd, v);
              }
            }
          }
          if (reach === Infinity) break;
          const cycleCost = reach + potential[hub]! - potential[source]!;
          if (cycleCost >= 0) break;
          for (let v = 0; v < n; v++) potential[v]! += done[v] ? dist[v]! : reach;
          let push = this.cap[closure]!;
          for (let v = hub; v !== source; v = this.to[prevArc[v]! ^ 1]!) push = Math.min(push, this.cap[prevArc[v]!]!);
          for (let v = hub; v !== source; v = this.to[prevArc[v]! ^ 1]!) {
            const a = prevArc[v]!;
            this.cap[a]! -= push;
            this.cap[a ^ 1]! += push;
          }
          this.cap[closure]! -= push;
          this.cap[closure ^ 1]! += push;
          flow += push;
          total += push * cycleCost;
          improved = true;
        }
      }
    }
    return { flow, cost: total, closureArcs };
  }
}

class BinaryHeap {
  private keys: number[] = [];
  private values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  clear(): void {
    this.keys.length = 0;
    this.values.length = 0;
  }

  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): [number, number] {
    const keys = this.keys;
    const values = this.values;
    const topKey = keys[0]!;
    const topValue = values[0]!;
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        values[i] = values[child]!;
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return [topKey, topValue];
  }
}
