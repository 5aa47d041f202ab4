/**
 * Min-cost flow by successive shortest paths (Dijkstra on reduced costs with Johnson potentials),
 * stopping as soon as the cheapest augmenting path no longer has negative cost: the result is the
 * cheapest flow of any size, i.e. the most profitable one when profits are given as negative costs.
 * Exact for integer costs. Capacities and costs are integers.
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
   * Pushes flow from `source` to `sink` while a negative-cost path exists. `initialPotential` must make
   * every reduced cost non-negative (for a DAG: shortest distances from the source). Returns the flow
   * and its total cost. `shouldStop` is asked between augmentations.
   */
  run(source: number, sink: number, initialPotential: Float64Array, shouldStop?: () => boolean): { flow: number; cost: number } {
    const n = this.nodeCount;
    const potential = Float64Array.from(initialPotential);
    const dist = new Float64Array(n);
    const prevArc = new Int32Array(n);
    const done = new Uint8Array(n);
    const heap = new BinaryHeap();
    let flow = 0;
    let total = 0;
    for (;;) {
      if (shouldStop?.()) break;
      dist.fill(Infinity);
      done.fill(0);
      prevArc.fill(-1);
      dist[source] = 0;
      heap.clear();
      heap.push(0, source);
      while (heap.size > 0) {
        const [d, u] = heap.pop();
        if (done[u]) continue;
        done[u] = 1;
        if (u === sink) break;
        for (let a = this.head[u]!; a !== -1; a = this.next[a]!) {
          if (this.cap[a]! <= 0) continue;
          const v = this.to[a]!;
          if (done[v]) continue;
          const nd = d + this.cost[a]! + potential[u]! - potential[v]!;
          if (nd < dist[v]! - 1e-9) {
            dist[v] = nd;
            prevArc[v] = a;
            heap.push(nd, v);
          }
        }
      }
      if (!done[sink]) break;
      const reach = dist[sink]!;
      for (let v = 0; v < n; v++) potential[v]! += Math.min(dist[v]!, reach);
      const pathCost = potential[sink]! - potential[source]!;
      if (pathCost >= 0) break;
      let push = Infinity;
      for (let v = sink; v !== source; v = this.to[prevArc[v]! ^ 1]!) push = Math.min(push, this.cap[prevArc[v]!]!);
      for (let v = sink; v !== source; v = this.to[prevArc[v]! ^ 1]!) {
        const a = prevArc[v]!;
        this.cap[a]! -= push;
        this.cap[a ^ 1]! += push;
      }
      flow += push;
      total += push * pathCost;
    }
    return { flow, cost: total };
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
