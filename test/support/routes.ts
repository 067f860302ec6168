import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_METADATA, type AccessRule } from '../../src/common/auth/access.decorators.js';

export interface AppRoute {
  method: string;
  /** As registered, e.g. /api/users/:id */
  path: string;
  rule: AccessRule | undefined;
}

function join(...parts: (string | undefined)[]): string {
  const path = parts
    .flatMap((part) => (part ?? '').split('/'))
    .filter((segment) => segment.length > 0)
    .join('/');
  return `/${path}`;
}

/**
 * Every route of the running application, read from the controllers Nest registered, with the
 * access rule each declares (handler first, then its controller).
 */
export function appRoutes(app: NestFastifyApplication): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (controller === null) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const rule =
          (Reflect.getMetadata(ACCESS_METADATA, handler) as AccessRule | undefined) ??
          (Reflect.getMetadata(ACCESS_METADATA, controller) as AccessRule | undefined);
        routes.push({ method: RequestMethod[method], path: join('api', base, path), rule });
      }
    }
  }
  return routes;
}
