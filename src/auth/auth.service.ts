import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor, RequestContext } from '../common/auth/actor.js';
import type { ResolvedConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthErrors } from './auth.errors.js';
import type { LoginRequest, MeResponse, TokenResponse } from './auth.dto.js';
import { LoginThrottleService, type LoginAttempt } from './login-throttle.service.js';
import { AppError } from '../common/errors/app-error.js';
import { SessionRepository, type LiveSessionUser } from './sessions/session.repository.js';
import { TokenService } from './sessions/token.service.js';
import { verifyAgainstDummy, verifyPassword } from './users/password-policy.js';
import { UserRepository } from './users/user.repository.js';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async login(request: LoginRequest, context: RequestContext): Promise<TokenResponse> {
    const attempt = await this.beginAttempt(request.email, context);
    const user = await this.users.findForLogin(request.email);
    const passwordOk =
      user === undefined
        ? (await verifyAgainstDummy(request.password), false)
        : await verifyPassword(user.passwordHash, request.password);
    if (user === undefined || !passwordOk || !user.active || !user.organisationActive) {
      const reason =
        user === undefined
          ? 'unknown_account'
          : !passwordOk
            ? 'wrong_password'
            : 'account_disabled';
      await this.recordFailure(context, user?.id ?? null, reason);
      throw AuthErrors.invalidCredentials();
    }
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlSeconds * 1000);
    const refresh = this.tokens.newRefreshToken();
    const opened = await this.dataSource.transaction(async (manager) => {
      // The user may have been disabled or given a new role since the password was checked: the
      // session is opened only against the user as they are now (locked until commit).
      if (!(await this.users.lockIfStillAllowed(manager, user.id, user.role))) return false;
      await this.sessions.createSession(
        manager,
        { id: sessionId, userId: user.id, expiresAt },
        refresh.hash,
      );
      await this.audit.record(
        {
          actor: {
            userId: user.id,
            organisationId: user.organisationId,
            role: user.role,
            correlationId: context.correlationId,
          },
          action: 'auth.login',
          entityType: 'session',
          entityId: sessionId,
        },
        manager,
      );
      return true;
    });
    if (!opened) {
      await this.recordFailure(context, user.id, 'account_changed');
      throw AuthErrors.invalidCredentials();
    }
    await this.throttle.succeeded(attempt);
    return this.tokenResponse(
      {
        userId: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        organisationId: user.organisationId,
      },
      sessionId,
      refresh.token,
      expiresAt,
    );
  }

  /** Counts the attempt, or refuses it (429) while the account or address is locked out. */
  private async beginAttempt(email: string, context: RequestContext): Promise<LoginAttempt> {
    try {
      return await this.throttle.begin(email, context.address);
    } catch (error) {
      if (error instanceof AppError && error.code === 'AUTH_TOO_MANY_ATTEMPTS') {
        await this.audit.record({
          actor: { correlationId: context.correlationId },
          action: 'auth.login_throttled',
          entityType: 'user',
          entityId: (await this.users.findForLogin(email))?.id ?? null,
        });
      }
      throw error;
    }
  }

  private async recordFailure(
    context: RequestContext,
    userId: string | null,
    reason: string,
  ): Promise<void> {
    await this.audit.record({
      actor: { correlationId: context.correlationId },
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: userId,
      details: { reason },
    });
  }

  /** Rotates the refresh token. A token used twice ends its session: it has probably been stolen. */
  async refresh(refreshToken: string, context: RequestContext): Promise<TokenResponse> {
    const hash = TokenService.hashRefreshToken(refreshToken);
    const next = this.tokens.newRefreshToken();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await this.sessions.lockRefreshToken(manager, hash);
      if (row === undefined) return { kind: 'invalid' as const };
      const actor = {
        userId: row.userId,
        organisationId: row.organisationId,
        role: row.role,
        correlationId: context.correlationId,
      };
      if (row.usedAt !== null) {
        if (row.sessionRevokedAt === null) {
          await this.sessions.revokeSession(manager, row.sessionId, 'refresh_reused');
          await this.audit.record(
            {
              actor,
              action: 'auth.refresh_reused',
              entityType: 'session',
              entityId: row.sessionId,
            },
            manager,
          );
        }
        return { kind: 'reused' as const };
      }
      const live =
        row.sessionRevokedAt === null &&
        row.sessionExpiresAt.getTime() > Date.now() &&
        row.userActive &&
        row.organisationActive;
      if (!live) return { kind: 'invalid' as const };
      await this.sessions.markRefreshTokenUsed(manager, hash);
      await this.sessions.addRefreshToken(manager, row.sessionId, next.hash);
      return { kind: 'rotated' as const, row };
    });
    switch (outcome.kind) {
      case 'invalid':
        throw AuthErrors.invalidRefresh();
      case 'reused':
        throw AuthErrors.refreshReused();
      case 'rotated': {
        const { row } = outcome;
        return this.tokenResponse(
          {
            userId: row.userId,
            email: row.email,
            name: row.name,
            role: row.role,
            organisationId: row.organisationId,
          },
          row.sessionId,
          next.token,
          row.sessionExpiresAt,
        );
      }
    }
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revokeSession(manager, actor.sessionId, 'logout');
      await this.audit.record(
        { actor, action: 'auth.logout', entityType: 'session', entityId: actor.sessionId },
        manager,
      );
    });
  }

  me(actor: Actor): MeResponse {
    return {
      id: actor.userId,
      email: actor.email,
      name: actor.name,
      role: actor.role,
      organisationId: actor.organisationId,
    };
  }

  private tokenResponse(
    user: LiveSessionUser,
    sessionId: string,
    refreshToken: string,
    refreshExpiresAt: Date,
  ): TokenResponse {
    const access = this.tokens.issueAccessToken({
      sub: user.userId,
      sid: sessionId,
      role: user.role,
    });
    return {
      accessToken: access.accessToken,
      expiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      user: {
        id: user.userId,
        email: user.email,
        name: user.name,
        role: user.role,
        organisationId: user.organisationId,
      },
    };
  }
}
