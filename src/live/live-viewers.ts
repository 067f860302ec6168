import { Injectable } from '@nestjs/common';
import { SessionRepository } from '../auth/sessions/session.repository.js';
import { TokenService } from '../auth/sessions/token.service.js';
import type { LiveViewer } from './live-events.js';
import { LiveErrors } from './live.errors.js';

/** Who a live connection is for, checked as strictly as the HTTP access guard checks a request. */
@Injectable()
export class LiveViewers {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionRepository,
  ) {}

  /** The viewer behind a handshake's token: verified, unexpired, with a live session. */
  async authenticate(token: unknown): Promise<LiveViewer> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      throw LiveErrors.unauthenticated();
    }
    const claims = this.tokens.verifyAccessToken(token);
    if (claims === undefined) throw LiveErrors.unauthenticated();
    const user = await this.sessions.findLiveSessionUser(claims.sid);
    if (user === undefined || user.userId !== claims.sub || user.role !== claims.role) {
      throw LiveErrors.unauthenticated();
    }
    return {
      userId: user.userId,
      sessionId: claims.sid,
      role: user.role,
      organisationId: user.organisationId,
      tokenExpiresAt: claims.exp * 1000,
    };
  }

  /** Of these sessions, the ones still live. */
  liveSessions(sessionIds: string[]): Promise<Set<string>> {
    return this.sessions.liveSessionIds(sessionIds);
  }
}
