import { describe, expect, it } from 'vitest';
import { DigitBuffer } from './digits.ts';

describe('DigitBuffer', () => {
  it('keeps digits typed ahead for the next question', async () => {
    const buffer = new DigitBuffer();
    buffer.push('1');
    buffer.push('2');
    expect(await buffer.read(1, 10)).toBe('1');
    expect(await buffer.read(1, 10)).toBe('2');
  });

  it('reads a number until ten digits or #, and gives up after the time', async () => {
    const buffer = new DigitBuffer();
    setTimeout(() => {
      for (const d of '0612#9') buffer.push(d);
    }, 5);
    expect(await buffer.read(10, 500)).toBe('0612');
    expect(await buffer.read(1, 10)).toBe('9');
    expect(await buffer.read(1, 20)).toBe('');
  });

  it('stops waiting when the caller hangs up', async () => {
    const buffer = new DigitBuffer();
    const reading = buffer.read(1, 60_000);
    buffer.close();
    expect(await reading).toBe('');
  });
});
