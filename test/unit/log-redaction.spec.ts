import { Writable } from 'node:stream';
import { pino } from 'pino';
import { REDACTED_PATHS } from '../../src/common/logging/logger.config.js';

describe('log redaction', () => {
  it('removes tokens, passwords and personal fields wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'session=abc' } },
        password: 'hunter2hunter2',
        body: {
          email: 'jane@example.org',
          firstName: 'Jane',
          dateOfBirth: '1950-02-03',
          postcode: 'PR25 1DH',
          refreshToken: 'rt-secret',
        },
        err: {
          message: 'duplicate key',
          detail: 'Key (email)=(jane@example.org) already exists.',
          parameters: ['Jane'],
        },
      },
      'something happened',
    );
    const line = lines.join('');
    for (const secret of [
      'eyJsecret',
      'session=abc',
      'hunter2',
      'jane@example.org',
      'Jane',
      '1950-02-03',
      'PR25 1DH',
      'rt-secret',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('something happened');
    expect(line).toContain('duplicate key');
  });
});
