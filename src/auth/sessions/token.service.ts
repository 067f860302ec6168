import { createHash, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService, type JwtModuleOptions } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import type { ResolvedConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { Role } from '../../common/auth/roles.js';

/** The claims of an access token. The session id lets a revoked session stop its tokens at once. */
export interface AccessClaims {
  sub: string;
  sid: string;
  role: Role;
}

const ISSUER = 'one-front-door';
const AUDIENCE = 'one-front-door-api';
/**
 * HS256 with the configured secret, as a key object built once: given a string, the JWT library
 * would first try (and fail) to read it as a public key on every verification.
 */
export function jwtOptions(config: ResolvedConfig): JwtModuleOptions {
  return {
    secret: createSecretKey(Buffer.from(config.tokenSecret, 'utf8')),
    signOptions: { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE },
    verifyOptions: { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE },
  };
}

const verified = new WeakMap<FastifyRequest, AccessClaims | undefined>();

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match?.[1];
}

/** How many verified tokens to remember (about one per signed-in user at a time). */
const RECENTLY_VERIFIED_MAX = 10_000;

@Injectable()
export class TokenService {
  private readonly recentlyVerified = new Map<string, AccessClaims & { exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  issueAccessToken(claims: AccessClaims): { accessToken: string; expiresAt: Date } {
    const ttl = this.config.accessTokenTtlSeconds;
    const accessToken = this.jwt.sign({ ...claims }, { expiresIn: ttl, jwtid: randomUUID() });
    return { accessToken, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  /**
   * The verified claims of the request's bearer token, or undefined (no token, or a bad one).
   * Verified once per request and remembered: the rate limiter and the access guard both ask.
   */
  claimsOf(request: FastifyRequest): AccessClaims | undefined {
    if (verified.has(request)) return verified.get(request);
    const token = bearerToken(request.headers.authorization);
    const claims = token === undefined ? undefined : this.verifyAccessToken(token);
    verified.set(request, claims);
    return claims;
  }

  /**
   * Verified claims, or undefined for a bad, expired, tampered or unsigned (`alg: none`) token.
   * A token that verified is remembered until it expires (keyed by the whole token, signature
   * included), so a client's repeated requests skip the signature check; whether its session is
   * still live is checked on every request all the same.
   */
  verifyAccessToken(token: string): (AccessClaims & { exp: number }) | undefined {
    const known = this.recentlyVerified.get(token);
    if (known !== undefined) {
      if (known.exp * 1000 > Date.now()) return known;
      this.recentlyVerified.delete(token);
      return undefined;
    }
    try {
      const claims = this.jwt.verify<AccessClaims & { exp: number }>(token);
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return undefined;
      if (this.recentlyVerified.size >= RECENTLY_VERIFIED_MAX) this.recentlyVerified.clear();
      this.recentlyVerified.set(token, claims);
      return claims;
    } catch {
      return undefined;
    }
  }

  /** A new opaque refresh token and the hash under which it is stored. */
  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefreshToken(token) };
  }

  static hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
