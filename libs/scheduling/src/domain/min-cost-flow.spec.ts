import { describe, expect, it } from '@jest/globals';
import { MinCostFlow } from './min-cost-flow.js';

describe('MinCostFlow', () => {
  it('finds the most profitable assignment, bumping a less valuable source when it pays', () => {
    // Sources 2 and 3 both want node 4 (one unit to the hub 1); source 3 is worth more there.
    const flow = new MinCostFlow(6);
    const a = flow.addArc(2, 4, 1, -5);
    const b = flow.addArc(3, 4, 1, -9);
    const c = flow.addArc(2, 5, 1, -4);
    flow.addArc(4, 1, 1, 0);
    flow.addArc(5, 1, 1, 0);
    const potential = Float64Array.from([0, -9, 0, 0, -9, -4]);
    const result = flow.run(
      [
        { node: 2, supply: 1 },
        { node: 3, supply: 1 },
      ],
      1,
      potential,
    );
    expect([flow.flowOn(a), flow.flowOn(b), flow.flowOn(c)]).toEqual([0, 1, 1]);
    expect(result.cost).toBe(-13);
  });

  it('leaves a source out when every path loses', () => {
    const flow = new MinCostFlow(4);
    const a = flow.addArc(2, 3, 1, -1);
    flow.addArc(3, 1, 1, 5);
    flow.run([{ node: 2, supply: 1 }], 1, Float64Array.from([0, 0, 0, -1]));
    expect(flow.flowOn(a)).toBe(0);
  });
});
