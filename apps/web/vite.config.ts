/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: {
      '@': fromHere('./src'),
      // The shared libs are consumed as TypeScript source: their package.json `main`
      // points to a CommonJS dist meant for Node.
      '@polar/api-client': fromHere('../../libs/api-client/src/index.ts'),
      '@polar/access': fromHere('../../libs/access/src/index.ts'),
      '@polar/business-time': fromHere('../../libs/business-time/src/index.ts'),
      '@polar/calendar': fromHere('../../libs/calendar/src/index.ts'),
      '@polar/money': fromHere('../../libs/money/src/index.ts'),
      '@polar/ru-ids': fromHere('../../libs/ru-ids/src/index.ts'),
    },
  },
  define: {
    // vue-i18n feature flags: Composition API only, no legacy API, no prod devtools.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // `pnpm dev` runs the API on 127.0.0.1:3000 (loopback, not ::1 — "localhost" may
      // resolve to either); API_PROXY_TARGET points elsewhere if needed.
      '/api': { target: process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3000', changeOrigin: true },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.spec.ts'],
    environmentOptions: { jsdom: { url: 'http://localhost:3000/' } },
    setupFiles: ['tests/unit/setup.ts'],
    restoreMocks: true,
    // Mounting views with Element Plus takes seconds on a busy 2-core machine; a hang
    // still fails, a slow mount does not.
    testTimeout: 60_000,
    // Element Plus imports async-validator as ESM; left to Node it would get the
    // CommonJS build (no default export) and form validation would always pass.
    server: { deps: { inline: ['element-plus'] } },
  },
});
