import type { PiniaPluginContext, StateTree } from 'pinia';
import { toRaw } from 'vue';

/**
 * Pinia plugin that remembers every store created and the state it started with, so
 * that signing out can put every store back to its first state in one place, even a
 * store added later by some feature that forgot to write its own reset.
 *
 * Setup stores have no `$reset` of their own: a store may still expose `reset()` for
 * caches it keeps outside its state; it is called before the state is restored.
 */
interface Tracked {
  id: string;
  initial: StateTree;
  store: PiniaPluginContext['store'];
}

const tracked = new Map<string, Tracked>();

function copy<T>(value: T): T {
  return structuredClone(toRaw(value)) as T;
}

/** Deep copy of plain state; refs inside the state are unwrapped by Pinia already. */
function snapshot(state: StateTree): StateTree {
  const out: StateTree = {};
  for (const [key, value] of Object.entries(state)) out[key] = copy(toRaw(value));
  return out;
}

export function storeRegistryPlugin({ store }: PiniaPluginContext): void {
  tracked.set(store.$id, { id: store.$id, initial: snapshot(store.$state), store });
}

/** Resets every known store except those named (the session store resets itself). */
export function resetStores(except: readonly string[] = []): void {
  for (const { id, initial, store } of tracked.values()) {
    if (except.includes(id)) continue;
    const own = (store as unknown as { reset?: unknown }).reset;
    if (typeof own === 'function') (own as () => void)();
    store.$patch((state: StateTree) => {
      Object.assign(state, snapshot(initial));
    });
  }
}

/** Ids of the stores created so far (tests). */
export function trackedStoreIds(): string[] {
  return [...tracked.keys()];
}
