import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from './roles.js';

/**
 * Who is acting: taken from a verified access token and a live session only, never from the
 * request body, query or headers. Every service method that acts for a user receives one.
 */
export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  sessionId: string;
  email: string;
  name: string;
  correlationId: string;
}

/** The request's context for actions taken before anyone is signed in (login, refresh). */
export interface RequestContext {
  correlationId: string;
  /** The caller's network address, as Fastify sees it (honouring OFD_TRUST_PROXY). */
  address: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** Injects the authenticated Actor that the access guard attached to the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  if (request.actor === undefined) {
    // Only reachable if a route marked public asks for an actor: a programming error.
    throw new Error('CurrentActor used on a route without an authenticated actor');
  }
  return request.actor;
});

/** Injects the correlation id and address of the request (for routes used before sign-in). */
export const CurrentRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return { correlationId: request.id, address: request.ip };
  },
);
