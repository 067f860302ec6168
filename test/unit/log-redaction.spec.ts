import { Writable } from 'node:stream';
import { pino } from 'pino';
import { pinoOptions } from '../../src/common/logging/logger.config.js';

function capture(log: (logger: pino.Logger) => void): string {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  log(pino(pinoOptions({ logLevel: 'info' }), sink));
  return lines.join('');
}

describe('log redaction', () => {
  it('removes tokens, passwords and personal fields at any depth', () => {
    const line = capture((logger) =>
      logger.info(
        {
          headers: { authorization: 'Bearer eyJsecret', cookie: 'session=abc' },
          password: 'hunter2hunter2',
          body: {
            person: {
              contact: { email: 'jane@example.org', phone: '07700 900123' },
              firstName: 'Jane',
              dateOfBirth: '1950-02-03',
              postcode: 'PR25 1DH',
            },
            items: [{ refreshToken: 'rt-secret' }],
          },
          err: {
            message: 'duplicate key',
            detail: 'Key (email)=(jane@example.org) already exists.',
            parameters: ['Jane'],
            details: { password: 'nested-password' },
          },
        },
        'something happened',
      ),
    );
    for (const secret of [
      'eyJsecret',
      'session=abc',
      'hunter2',
      'jane@example.org',
      '07700',
      'Jane',
      '1950-02-03',
      'PR25 1DH',
      'rt-secret',
      'nested-password',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('something happened');
    expect(line).toContain('duplicate key');
  });

  it("keeps an error's message and stack, and redacts the SQL and values it carries", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      query: 'INSERT INTO users (email) VALUES ($1)',
      parameters: ['jane@example.org'],
    });
    const line = capture((logger) => logger.error({ err: error }, 'Request failed'));
    const logged = JSON.parse(line) as { err: Record<string, unknown> };
    expect(logged.err.message).toBe('duplicate key value violates unique constraint');
    expect(String(logged.err.stack)).toContain('log-redaction.spec');
    expect(logged.err.query).toBe('[redacted]');
    expect(line).not.toContain('jane@example.org');
  });

  it('logs the path of a request, never its query string', () => {
    const line = capture((logger) =>
      logger.info(
        { req: { id: 'r1', method: 'GET', url: '/api/services?postcode=PR25%201DH', headers: {} } },
        'request completed',
      ),
    );
    expect(line).toContain('"path":"/api/services"');
    expect(line).not.toContain('PR25');
  });
});
