import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import {
  ACCESS_METADATA,
  PUBLIC_SWITCH_METADATA,
  type AccessRule,
  type PublicSwitch,
} from '../common/auth/access.decorators.js';
import { ROLES } from '../common/auth/roles.js';
import type { ResolvedConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthErrors } from './auth.errors.js';
import { SessionRepository } from './sessions/session.repository.js';
import { bearerToken, TokenService } from './sessions/token.service.js';

/**
 * Deny by default: a route with no access rule is refused to everyone. Otherwise the bearer token
 * is verified, its session must be live (so logout, disabling and role changes take effect at
 * once), and the user's current role must be one the route allows.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionRepository,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const declared = this.reflector.getAllAndOverride<AccessRule | undefined>(
      ACCESS_METADATA,
      targets,
    );
    if (declared === undefined) throw AuthErrors.routeWithoutAccessRule();
    // Open data an operator has closed (`@OpenData(setting)` with the setting false): any role.
    const publicSwitch = this.reflector.getAllAndOverride<PublicSwitch | undefined>(
      PUBLIC_SWITCH_METADATA,
      targets,
    );
    const rule: AccessRule =
      declared.kind === 'public' && publicSwitch !== undefined && !this.config[publicSwitch]
        ? { kind: 'roles', roles: ROLES }
        : declared;
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (bearerToken(request.headers.authorization) === undefined) throw AuthErrors.missingToken();
    const claims = this.tokens.claimsOf(request);
    if (claims === undefined) throw AuthErrors.invalidToken();
    const user = await this.sessions.findLiveSessionUser(claims.sid);
    if (user === undefined || user.userId !== claims.sub || user.role !== claims.role) {
      throw AuthErrors.invalidToken();
    }
    request.actor = {
      userId: user.userId,
      organisationId: user.organisationId,
      role: user.role,
      sessionId: claims.sid,
      email: user.email,
      name: user.name,
      correlationId: request.id,
    };
    if (!rule.roles.includes(user.role)) throw AuthErrors.roleNotAllowed();
    return true;
  }
}
