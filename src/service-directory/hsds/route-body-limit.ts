import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/** This route accepts request bodies up to `bytes` (instead of the application's limit). */
export const BodyLimit = (bytes: number): MethodDecorator => RouteConfig({ bodyLimit: bytes });

/**
 * Nest passes a route's `@RouteConfig()` to Fastify as the route's `config`, but not a body
 * limit; this `onRoute` hook makes `config.bodyLimit` the route's `bodyLimit`. It is added when
 * the module is built, before Nest registers the routes.
 */
@Injectable()
export class RouteBodyLimits {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRoute', (route) => {
      const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
      if (typeof limit === 'number') route.bodyLimit = limit;
    });
  }
}
