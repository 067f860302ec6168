import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { jwtOptions, TokenService } from '../../src/auth/sessions/token.service.js';
import { loadConfig, type ResolvedConfig } from '../../src/config/app-config.js';

function tokenService(accessTokenTtlSeconds: number): TokenService {
  const config: ResolvedConfig = {
    ...loadConfig({}),
    databaseUrl: 'postgres://unused@127.0.0.1/unused',
    migrationDatabaseUrl: 'postgres://unused@127.0.0.1/unused',
    tokenSecret: randomBytes(32).toString('base64url'),
    accessTokenTtlSeconds,
  };
  return new TokenService(new JwtService(jwtOptions(config)), config);
}

const claims = { sub: 'user-1', sid: 'session-1', role: 'caseworker' } as const;

describe('TokenService', () => {
  it('verifies its own tokens, and remembers them only until they expire', async () => {
    const tokens = tokenService(1);
    const { accessToken } = tokens.issueAccessToken(claims);
    expect(tokens.verifyAccessToken(accessToken)).toMatchObject(claims);
    expect(tokens.verifyAccessToken(accessToken)).toMatchObject(claims); // remembered
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(tokens.verifyAccessToken(accessToken)).toBeUndefined();
  });

  it("refuses another installation's token, and its own with its signature changed", () => {
    const mine = tokenService(900);
    const theirs = tokenService(900);
    const { accessToken } = theirs.issueAccessToken(claims);
    expect(mine.verifyAccessToken(accessToken)).toBeUndefined();
    const own = mine.issueAccessToken(claims).accessToken;
    // A character inside the signature (not the last, whose low bits are only padding).
    const at = own.length - 10;
    const changed = own.slice(0, at) + (own[at] === 'A' ? 'B' : 'A') + own.slice(at + 1);
    expect(mine.verifyAccessToken(changed)).toBeUndefined();
  });

  it('stores refresh tokens only as hashes', () => {
    const { token, hash } = tokenService(900).newRefreshToken();
    expect(hash).toBe(TokenService.hashRefreshToken(token));
    expect(hash).not.toContain(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
