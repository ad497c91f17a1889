import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import 'element-plus/dist/index.css';
import './styles/main.css';

import { VueQueryPlugin } from '@tanstack/vue-query';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n, setLocale, storedLocale } from './i18n';
import { registerCharts } from './plugins/charts';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';
import { exposeDiagnostics } from './shared/session/diagnostics';
import { queryClient } from './shared/query/client';
import { storeRegistryPlugin } from './shared/session/storeRegistry';

const app = createApp(App);
const pinia = createPinia();
pinia.use(storeRegistryPlugin);
app.use(pinia);
app.use(VueQueryPlugin, { queryClient });
exposeDiagnostics(pinia);
app.use(i18n);
setLocale(storedLocale());

const router = createAppRouter();
app.use(router);
registerCharts(app);

// A session that ends by itself (refresh refused, signed out in another tab) sends the
// user to the login page, remembering where they were.
const session = useSessionStore(pinia);
session.onExpired(() => {
  const current = router.currentRoute.value;
  if (current.meta.public) return;
  void router.replace({
    name: 'login',
    query: { redirect: current.fullPath, expired: '1' },
  });
});

void router.isReady().then(() => app.mount('#app'));
