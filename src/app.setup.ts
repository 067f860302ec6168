import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import type { FastifyCorsOptions } from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { HttpException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { TokenService } from './auth/sessions/token.service.js';
import { LiveIoAdapter } from './live/live-io.adapter.js';
import { LiveGateway } from './live/live.gateway.js';
import { CORRELATION_HEADER, correlationIdFor } from './common/http/correlation-id.js';
import { strictValidationPipe } from './common/http/validation.js';
import type { ResolvedConfig } from './config/app-config.js';

export const BODY_LIMIT_BYTES = 1_048_576;

export interface RegisteredRoute {
  method: string;
  url: string;
}

/** The Open Referral UK feed is open data: any origin may read it, and only read it. */
const OPEN_DATA_CORS: FastifyCorsOptions = {
  origin: '*',
  methods: ['GET', 'HEAD'],
  allowedHeaders: ['Authorization', 'X-Correlation-Id'],
  exposedHeaders: ['X-Correlation-Id', 'Retry-After'],
  maxAge: 600,
};

/** A GET or HEAD under /api/hsds, or the preflight of one; anything else keeps the allow-list. */
function isOpenDataRead(request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0];
  if (path !== '/api/hsds' && !path.startsWith('/api/hsds/')) return false;
  const method =
    request.method === 'OPTIONS'
      ? request.headers['access-control-request-method']?.toUpperCase()
      : request.method;
  return method === 'GET' || method === 'HEAD';
}

const routesByApp = new WeakMap<NestFastifyApplication, RegisteredRoute[]>();

/** Every route Fastify registered for this app (the access test checks each has a rule). */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return routesByApp.get(app) ?? [];
}

/**
 * Builds the whole application (used by `main.ts`, the tests and the benchmark alike): Fastify,
 * security headers, CORS allow-list (any origin may read the Open Referral feed), rate limit,
 * strict validation, error bodies, OpenAPI.
 */
export async function createApp(config: ResolvedConfig): Promise<NestFastifyApplication> {
  const { trustProxy } = config;
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A number of hops becomes "trust the nearest N proxies", as Fastify does for a number.
    trustProxy:
      typeof trustProxy === 'number'
        ? (_address: string, hop: number) => hop < trustProxy
        : trustProxy,
    genReqId: correlationIdFor,
    requestIdHeader: false,
    return503OnClosing: true,
    // Harvesters ask for the Open Referral feed's root as the base URL plus a slash.
    rewriteUrl: (request: IncomingMessage) =>
      (request.url ?? '/').replace(/^\/api\/hsds\/(?=$|\?)/, '/api/hsds'),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.setGlobalPrefix('api');
  app.useGlobalPipes(strictValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  const routes: RegisteredRoute[] = [];
  routesByApp.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  // Security headers, built once (helmet's Fastify plugin rebuilds them on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => {
      done(error instanceof Error ? error : undefined);
    });
  });
  const apiCors: FastifyCorsOptions = {
    origin: config.corsOrigins,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id'],
    exposedHeaders: ['X-Correlation-Id', 'Retry-After', 'Idempotent-Replayed'],
    maxAge: 600,
  };
  app.enableCors({
    delegator: (request, callback) => {
      callback(null, isOpenDataRead(request) ? OPEN_DATA_CORS : apiCors);
    },
  });
  const tokens = app.get(TokenService);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Per signed-in user where the token verifies (a call centre shares one address), else per
    // address: a made-up Authorization header counts against the address.
    keyGenerator: (request) => {
      const claims = tokens.claimsOf(request);
      return claims === undefined ? `address:${request.ip}` : `user:${claims.sub}`;
    },
    errorResponseBuilder: () =>
      new HttpException(
        { code: 'RATE_LIMITED', message: 'Too many requests; wait a moment and try again.' },
        429,
      ),
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('One Front Door API')
      .setDescription(
        'Single-point referral and triage. Every route states who may call it (`x-access`). ' +
          'Errors: `{ code, message, details?, correlationId }`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  const live = app.get(LiveGateway);
  app.useWebSocketAdapter(new LiveIoAdapter(app, (request) => live.refusal(request)));
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
