import { afterEach } from 'vitest';
import { queryClient } from '@/shared/query/client';

// Element Plus measures elements; jsdom has no ResizeObserver.
if (!('ResizeObserver' in globalThis)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (globalThis as Record<string, unknown>).ResizeObserver = ResizeObserverStub;
}

afterEach(() => {
  localStorage.clear();
  // One query cache per page in the app: tests start from an empty one, as after a sign-out.
  queryClient.clear();
});

// async-validator prints every failed rule outside production builds.
process.env.ASYNC_VALIDATOR_NO_WARNING = '1';
window.scrollTo = () => undefined;
