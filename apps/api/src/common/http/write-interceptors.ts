import { type CallHandler, type ExecutionContext, type INestApplication, type NestInterceptor, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** Methods that never write: their routes get none of the write interceptors. */
const READS: ReadonlySet<RequestMethod> = new Set([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);
/** Express setting (per application) holding that application's write interceptors, outermost first. */
const SETTING = 'polar.writeInterceptors';

/**
 * One slot of the write chain in a route's metadata. Controller classes (and so their
 * metadata) are shared by every application in the process (the tests start several),
 * so the slot holds no instance: it calls the one of the application serving the request.
 */
class WriteInterceptorSlot implements NestInterceptor {
  constructor(private readonly index: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const interceptors = context.switchToHttp().getRequest<Request>().app.get(SETTING) as NestInterceptor[];
    return interceptors[this.index].intercept(context, next);
  }
}
const slots: WriteInterceptorSlot[] = [];

/**
 * Binds interceptors that only act on writes (the replica write fence, Idempotency-Key
 * replay) to the write routes (POST, PUT, PATCH, DELETE, ALL) instead of registering them
 * globally, in the order given (outermost first), before a route's own interceptors as
 * global ones would be.
 *
 * Why: for a route with any interceptor, Nest runs the handler through an rxjs chain per
 * request (defer, mergeAll and an AsyncResource.bind per interceptor, lastValueFrom), and
 * on Node 20 each AsyncResource.bind also builds a deprecation wrapper; these interceptors
 * returned `next.handle()` at once on every read anyway. With none, Nest calls the handler
 * directly: a read costs no rxjs at all.
 *
 * Must run before `app.init()`, which reads the metadata when it builds the routes.
 */
export function bindWriteInterceptors(app: INestApplication, interceptors: NestInterceptor[]): void {
  (app as NestExpressApplication).set(SETTING, interceptors);
  while (slots.length < interceptors.length) slots.push(new WriteInterceptorSlot(slots.length));
  const chain = slots.slice(0, interceptors.length);
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const metatype = controller.metatype as { name: string; prototype?: object } | null;
      const prototype = metatype?.prototype;
      if (!metatype || !prototype) continue;
      // Global interceptors ran before a controller's own: bound to the methods, the write chain
      // would run after them. No controller has any today; one that does needs a decision.
      const classLevel = Reflect.getMetadata(INTERCEPTORS_METADATA, metatype) as unknown[] | undefined;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || READS.has(method)) continue;
        if (classLevel?.length) throw new Error(`${metatype.name} has class-level interceptors: the write interceptors would run after them (see bindWriteInterceptors)`);
        const own = ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []).filter((i) => !(i instanceof WriteInterceptorSlot));
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [...chain, ...own], handler);
      }
    }
  }
}

/** The write interceptors a route handler runs (for tests). */
export function writeInterceptorsOf(handler: object): number {
  return ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []).filter((i) => i instanceof WriteInterceptorSlot).length;
}
