import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { blockOfLines } from './line-block.js';
import { packCountedLines, RollupAccumulator } from './rollup-accumulator.js';
import { InProcessRollupEngine, ThreadRollupEngine, type RollupEngine } from './rollup-engine.js';
import type { LedgerLine } from './rollup-grains.js';
import { TypeormRollupTracker } from './rollup-tracker.js';

/** Counted lines as a bulk append hands them on. */
const packLines = (lines: readonly LedgerLine[]) => packCountedLines(blockOfLines(lines));

/** Lines of a few instructors and campuses over three months, some near midnight UTC at a month's end. */
function syntheticLines(count: number): LedgerLine[] {
  return Array.from({ length: count }, (_, index) => {
    const monthCn = 202503 + (index % 3);
    const shifted = index % 7 === 0;
    return {
      seq: index + 1,
      line: 0,
      counted: true,
      startsMinute: index,
      monthCn,
      monthUtc: shifted ? monthCn - 1 : monthCn,
      campusIndex: 0,
      instructorIndex: 0,
      region: 1 + (index % 2),
      province: 10 + (index % 4),
      westernInstitution: 100 + (index % 9),
      westernClass: index % 5 === 0 ? null : 500 + (index % 11),
      hostTeacher: index % 3 === 0 ? null : 900 + (index % 6),
      easternInstitution: 200 + (index % 5),
      instructor: 1000 + (index % 13),
      discipline: 300 + (index % 4),
      course: index % 4 === 0 ? null : 700 + (index % 8),
      studentsEnrolled: 30,
      studentsPresent: 20 + (index % 10),
      shareBp: 10_000,
      activityUnits: 10_000,
      periodUnits: 20_000,
      participationUnits: (20 + (index % 10)) * 10_000,
    };
  });
}

async function sealedBy(engine: RollupEngine, batches: LedgerLine[][]) {
  for (const batch of batches) engine.add(packLines(batch));
  const sealed = await engine.seal();
  await engine.close();
  return sealed.map((chunk) => ({ numbers: [...chunk.numbers], texts: chunk.texts }));
}

describe('rollup engines', () => {
  const lines = syntheticLines(500);
  const batches = [lines.slice(0, 120), lines.slice(120, 380), lines.slice(380)];

  it('rolling up in batches gives the cells of rolling up all lines at once', async () => {
    const once = new RollupAccumulator();
    once.add(lines);
    const expected = once.seal().map((chunk) => ({ numbers: [...chunk.numbers], texts: chunk.texts }));
    expect(expected[0]!.numbers.length).toBeGreaterThan(100);
    await expect(sealedBy(new InProcessRollupEngine(), batches)).resolves.toEqual(expected);
  });

  it('a seal holds each cell once, however many chunks the cells were encoded in meanwhile', () => {
    const whole = new RollupAccumulator();
    whole.add(lines);
    const [expected] = whole.seal();
    // Encoded every 40 cells: the year and all-time cells come back in chunk after chunk.
    const chunked = new RollupAccumulator(40);
    for (const batch of batches) chunked.addPacked(packLines(batch));
    const sealed = chunked.seal();
    expect(sealed).toHaveLength(1);
    expect({ numbers: [...sealed[0]!.numbers], texts: sealed[0]!.texts }).toEqual({
      numbers: [...expected!.numbers],
      texts: expected!.texts,
    });
  });

  // The thread runs compiled JavaScript: `npm test` builds it first (pretest).
  const script = new URL('../../../../dist/libs/persistence/src/ledger/rollup-thread.js', import.meta.url);
  (existsSync(fileURLToPath(script)) ? it : it.skip)('the worker thread computes the same cells as the caller thread', async () => {
    const expected = await sealedBy(new InProcessRollupEngine(), batches);
    await expect(sealedBy(new ThreadRollupEngine(script), batches)).resolves.toEqual(expected);
  });

  it('a tracker starts its engine once, at the first batch it follows, told how many lines it holds', async () => {
    const started: number[] = [];
    const tracker = new TypeormRollupTracker(
      () => Promise.reject(new Error('nothing is written in this test')),
      (firstBatchLines) => {
        started.push(firstBatchLines);
        return new InProcessRollupEngine();
      },
      1_000,
    );
    // Rollups behind lines it never saw: it follows nothing and starts nothing.
    tracker.appended({ before: 5, top: 7, rolledUpTo: 3, linesRevision: 0, countedLines: packLines(lines.slice(0, 2)), activities: 2 });
    expect(started).toEqual([]);
    tracker.appended({ before: 7, top: 10, rolledUpTo: 7, linesRevision: 0, countedLines: packLines(lines.slice(0, 4)), activities: 3 });
    tracker.appended({ before: 10, top: 20, rolledUpTo: 7, linesRevision: 0, countedLines: packLines(lines.slice(0, 12)), activities: 10 });
    expect(started).toEqual([4]);
    await tracker.close();
  });
});
