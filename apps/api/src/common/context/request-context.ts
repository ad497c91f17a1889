import { AsyncLocalStorage } from 'node:async_hooks';

/** What the current request carries through the call stack (for audit and logs). */
export interface RequestContext {
  requestId: string;
  userId?: string;
  ip?: string;
  /** Set when the caller is an API token: its id and name go into the audit log. */
  apiToken?: { id: string; name: string };
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
};
