import { ConfigError, loadConfig } from '../../src/config/app-config.js';

describe('loadConfig', () => {
  it('has working defaults for the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      tokenSecret: undefined,
      accessTokenTtlSeconds: 900,
      corsOrigins: [],
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('requires a token secret from the environment with DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ofd' })).toThrow(
      /OFD_TOKEN_SECRET is not set.*at least 32 characters/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ofd', OFD_TOKEN_SECRET: 'short' }),
    ).toThrow(/OFD_TOKEN_SECRET must be at least 32 characters/);
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/ofd',
      OFD_TOKEN_SECRET: 'x'.repeat(40),
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/ofd');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number from 1 to 65535; it is "eighty"/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [
      { DATABASE_URL: 'mysql://x@y/z', OFD_TOKEN_SECRET: 'x'.repeat(40) },
      /DATABASE_URL must start with postgres:\/\//,
    ],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    [
      { LOG_LEVEL: 'loud' },
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
    ],
    [
      { OFD_CORS_ORIGINS: 'https://ok.example, https://bad.example/path' },
      /is not an origin.*did you mean "https:\/\/bad.example"/,
    ],
    [{ OFD_ADMIN_EMAIL: 'a@b.example' }, /OFD_ADMIN_EMAIL and OFD_ADMIN_PASSWORD go together/],
    [{ OFD_TRUST_PROXY: 'maybe' }, /OFD_TRUST_PROXY must be false, the number of proxies/],
    [{ OFD_TRUST_PROXY: 'true' }, /would let any caller choose its own address/],
  ])('refuses %j with a sentence saying what to set', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('trusts a number of proxy hops or named proxies, never every caller', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ OFD_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ OFD_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });

  it('reads the triage rules from config/ unless OFD_TRIAGE_RULES_FILE names an existing file', () => {
    expect(loadConfig({}).triageRulesFile).toMatch(/\/config\/triage-rules\.json$/);
    expect(loadConfig({ OFD_TRIAGE_RULES_FILE: 'package.json' }).triageRulesFile).toMatch(
      /^\/.*\/package\.json$/,
    );
    expect(() => loadConfig({ OFD_TRIAGE_RULES_FILE: 'no/such/rules.json' })).toThrow(
      /OFD_TRIAGE_RULES_FILE names a file that does not exist: .*no\/such\/rules\.json/,
    );
  });

  it('reads a CORS allow-list', () => {
    expect(
      loadConfig({ OFD_CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it('prepares repeated statements unless OFD_DB_PREPARED_STATEMENTS is false', () => {
    expect(loadConfig({}).dbPreparedStatements).toBe(true);
    expect(loadConfig({ OFD_DB_PREPARED_STATEMENTS: 'false' }).dbPreparedStatements).toBe(false);
    expect(() => loadConfig({ OFD_DB_PREPARED_STATEMENTS: 'no' })).toThrow(
      /OFD_DB_PREPARED_STATEMENTS must be true or false/,
    );
  });
});
