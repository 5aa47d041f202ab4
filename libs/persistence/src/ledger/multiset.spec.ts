import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '#scheduling';
import { decodeMultiset, encodeCounted, mergeEncoded, mergeEncodedTexts, type Multiset } from './multiset.js';

const encode = (multiset: Multiset): string => {
  const keys = [...multiset.keys()].sort((a, b) => a - b);
  return encodeCounted({ keys, counts: keys.map((key) => multiset.get(key)!) });
};

describe('encoded multisets', () => {
  it('merged as text: the counts of both, key by key, as the decoded merge has them', () => {
    const rand = seededRandom(42);
    for (let round = 0; round < 300; round++) {
      // Small and large keys (one to five varint bytes) and counts, some keys in both.
      const draw = (size: number): Multiset => {
        const multiset: Multiset = new Map();
        for (let index = 0; index < size; index++) {
          const key = Math.floor(rand() ** 3 * (rand() < 0.1 ? 2 ** 33 : 20_000)) + 1;
          multiset.set(key, (multiset.get(key) ?? 0) + 1 + Math.floor(rand() ** 4 * 100_000));
        }
        return multiset;
      };
      const stored = draw(Math.floor(rand() * 300));
      const added = draw(Math.floor(rand() * 300));
      const merged = mergeEncodedTexts(encode(stored), encode(added));
      const expected: Multiset = new Map(stored);
      for (const [key, count] of added) expected.set(key, (expected.get(key) ?? 0) + count);
      expect(decodeMultiset(merged)).toEqual(new Map([...expected].sort((a, b) => a[0] - b[0])));
      const addedKeys = [...added.keys()].sort((a, b) => a - b);
      expect(merged).toBe(mergeEncoded(encode(stored), { keys: addedKeys, counts: addedKeys.map((key) => added.get(key)!) }));
    }
  });

  it('merged as text with an empty side: the other side as it is', () => {
    const one = encode(new Map([[7, 2]]));
    expect(mergeEncodedTexts('', one)).toBe(one);
    expect(mergeEncodedTexts(one, '')).toBe(one);
    expect(mergeEncodedTexts('', '')).toBe('');
  });
});
