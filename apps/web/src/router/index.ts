import type { Permission } from '@polar/access';
import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type Router,
  type RouterHistory,
} from 'vue-router';
import { t } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { routes } from './routes';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Permission the signed-in user needs (from @polar/access). */
    permission?: Permission;
    /** i18n key of the page title. */
    titleKey?: string;
  }
}

/** Only same-app paths are accepted as `?redirect=` targets (no open redirects). */
export function safeRedirect(value: unknown): string | null {
  const target = Array.isArray(value) ? value[0] : value;
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  if (target.startsWith('/login')) return null;
  return target;
}

function forbiddenAt(to: RouteLocationNormalized): RouteLocationRaw {
  return {
    name: 'forbidden',
    params: { deniedPath: to.path.slice(1).split('/') },
    query: to.query,
    hash: to.hash,
  };
}

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!session.restored) await session.restore();

    if (to.meta.public) {
      if (to.name === 'login' && session.isAuthenticated) {
        return safeRedirect(to.query.redirect) ?? { name: 'home' };
      }
      return true;
    }
    if (!session.isAuthenticated) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    }
    const permission = to.meta.permission;
    if (permission && !session.can(permission)) return forbiddenAt(to);
    return true;
  });

  router.afterEach((to) => {
    const key = to.meta.titleKey;
    document.title = key ? `${t(key)} · ${t('app.name')}` : t('app.name');
  });
}

export function createAppRouter(history: RouterHistory = createWebHistory('/')): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
  installGuards(router);
  return router;
}
