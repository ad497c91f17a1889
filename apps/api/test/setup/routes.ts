import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC_KEY, PERMISSION_KEY } from '../../src/common/auth/decorators';

export interface RouteInfo {
  method: string;
  path: string;
  /** The declared permission, 'public', or null when the handler declares nothing. */
  permission: string | null;
}

/** Every HTTP handler of the application, read from the controllers' metadata. */
export function listRoutes(app: INestApplication, prefix = '/api'): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!controller) continue;
      const base = normalise(Reflect.getMetadata(PATH_METADATA, controller));
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = normalise(Reflect.getMetadata(PATH_METADATA, handler));
        const isPublic = Reflect.getMetadata(IS_PUBLIC_KEY, handler) ?? Reflect.getMetadata(IS_PUBLIC_KEY, controller);
        const permission = Reflect.getMetadata(PERMISSION_KEY, handler) ?? Reflect.getMetadata(PERMISSION_KEY, controller) ?? null;
        routes.push({
          method: RequestMethod[method],
          path: `${prefix}${[base, sub].filter(Boolean).map((p) => `/${p}`).join('')}`,
          permission: isPublic ? 'public' : permission,
        });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

function normalise(path: string | undefined): string {
  return (path ?? '').replace(/^\/+|\/+$/g, '');
}

/** A concrete URL for a route pattern (`:id` → a UUID that exists nowhere). */
export function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
}
