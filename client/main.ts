/**
 * Boot: Pinia, translations and the router; the session is hydrated by the first navigation
 * guard, and the one socket connection opens right away. Element Plus components are imported
 * where templates use them (unplugin-vue-components in vite.config.ts), not installed here.
 */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
// The services scripts call (ElMessage, ElMessageBox, ElNotification) are imported as functions
// where used, which the template resolver cannot see: their CSS is loaded once here. The base
// CSS variables come first, and styles.css after so that its overrides win.
import 'element-plus/theme-chalk/base.css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/notification/style/css';
import './styles.css';
import App from './App.vue';
import { connectSocket } from './api/socket';
import { i18n, startLocale } from './i18n';
import { router } from './router';
import { useConnectionStore } from './stores/connection';
import { useSessionStore } from './stores/session';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(router);

// Create the stores that bind socket events before the first connect, so none is missed.
useSessionStore();
useConnectionStore();
connectSocket();

// English users get English from the first paint (its messages load meanwhile, beside the route's).
await startLocale();
app.mount('#app');
