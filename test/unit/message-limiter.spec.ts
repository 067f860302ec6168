import { MessageLimiter } from '../../src/live/message-limiter.js';

const T0 = 1_800_000_000_000;
const ALICE = 'alice';
const BOB = 'bob';

describe('MessageLimiter: messages per user per minute over the live sockets', () => {
  it('lets a user send up to the limit in a minute, and refuses the next', () => {
    const limiter = new MessageLimiter(3);
    expect([T0, T0 + 10, T0 + 20].map((now) => limiter.take(ALICE, now))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(limiter.take(ALICE, T0 + 30)).toBe(60);
    // Refused messages count too: still refused.
    expect(limiter.take(ALICE, T0 + 40)).toBe(60);
  });

  it('answers the whole seconds until the window ends, at least 1', () => {
    const limiter = new MessageLimiter(1);
    expect(limiter.take(ALICE, T0)).toBeUndefined();
    expect(limiter.take(ALICE, T0 + 1)).toBe(60);
    expect(limiter.take(ALICE, T0 + 30_000)).toBe(30);
    expect(limiter.take(ALICE, T0 + 30_001)).toBe(30);
    expect(limiter.take(ALICE, T0 + 58_999)).toBe(2);
    expect(limiter.take(ALICE, T0 + 59_000)).toBe(1);
    expect(limiter.take(ALICE, T0 + 59_999)).toBe(1);
  });

  it('starts a new window a minute after the first message of the last one', () => {
    const limiter = new MessageLimiter(2);
    limiter.take(ALICE, T0);
    limiter.take(ALICE, T0 + 5_000);
    expect(limiter.take(ALICE, T0 + 6_000)).toBe(54);
    expect(limiter.take(ALICE, T0 + 60_000)).toBeUndefined();
    expect(limiter.take(ALICE, T0 + 60_001)).toBeUndefined();
    expect(limiter.take(ALICE, T0 + 60_002)).toBe(60);
    // The new window runs from its own first message.
    expect(limiter.take(ALICE, T0 + 119_999)).toBe(1);
    expect(limiter.take(ALICE, T0 + 120_000)).toBeUndefined();
  });

  it('counts each user apart', () => {
    const limiter = new MessageLimiter(2);
    limiter.take(ALICE, T0);
    limiter.take(ALICE, T0);
    expect(limiter.take(ALICE, T0 + 1)).toBe(60);
    expect(limiter.take(BOB, T0 + 1)).toBeUndefined();
    expect(limiter.take(BOB, T0 + 2)).toBeUndefined();
    expect(limiter.take(BOB, T0 + 3)).toBe(60);
    expect(limiter.take(ALICE, T0 + 60_000)).toBeUndefined();
    expect(limiter.take(BOB, T0 + 60_000)).toBe(1);
  });

  it('a limit of one: every second message in a minute is refused', () => {
    const limiter = new MessageLimiter(1);
    expect(limiter.take(ALICE, T0)).toBeUndefined();
    expect(limiter.take(ALICE, T0)).toBe(60);
  });

  it('forgetting ended windows (past 10,000 users) keeps the current ones', () => {
    const limiter = new MessageLimiter(1);
    for (let i = 0; i < 10_001; i += 1) limiter.take(`user-${i}`, T0 - 120_000);
    limiter.take(ALICE, T0);
    expect(limiter.take(ALICE, T0 + 1)).toBe(60);
    // Another user's message after the old windows ended sweeps them; Alice stays limited.
    expect(limiter.take(BOB, T0 + 2)).toBeUndefined();
    expect(limiter.take(ALICE, T0 + 3)).toBe(60);
    expect(limiter.take('user-0', T0 + 4)).toBeUndefined();
  });
});
