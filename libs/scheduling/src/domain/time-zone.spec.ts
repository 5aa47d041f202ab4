import { describe, expect, it } from '@jest/globals';
import { isLocalDate, isLocalTime, isValidTimeZone, localTimeToMinutes, minutesToLocalTime } from './time-zone.js';

describe('isValidTimeZone', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['Asia/Urumqi', true],
    ['Europe/London', true],
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Australia/Sydney', true],
    ['UTC', true],
    ['Etc/UTC', true],
    ['Asia/Beijing', false],
    ['asia/shanghai', false],
    ['utc', false],
    ['+08:00', false],
    ['UTC+8', false],
    ['', false],
    ['Asia/Shanghai ', false],
  ])('%s -> %s', (name, expected) => {
    expect(isValidTimeZone(name)).toBe(expected);
  });
});

describe('isLocalDate', () => {
  it.each([
    ['2026-09-27', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-13-01', false],
    ['2026-9-27', false],
    ['2026-09-27T00:00', false],
  ])('%s -> %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });
});

describe('isLocalTime', () => {
  it.each([
    ['08:00', true],
    ['00:00', true],
    ['23:59', true],
    ['24:00', false],
    ['8:00', false],
    ['08:60', false],
    ['08:00:00', false],
  ])('%s -> %s', (value, expected) => {
    expect(isLocalTime(value)).toBe(expected);
  });

  it('converts to and from minutes', () => {
    expect(localTimeToMinutes('13:35')).toBe(815);
    expect(minutesToLocalTime(815)).toBe('13:35');
  });
});
