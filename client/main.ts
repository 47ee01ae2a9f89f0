/**
 * Boot: Pinia, translations, Element Plus and the router; the session is hydrated by the first
 * navigation guard, and the one socket connection opens right away.
 */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { connectSocket } from './api/socket';
import { i18n } from './i18n';
import { router } from './router';
import { useConnectionStore } from './stores/connection';
import { useSessionStore } from './stores/session';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(ElementPlus);
app.use(router);

// Create the stores that bind socket events before the first connect, so none is missed.
useSessionStore();
useConnectionStore();
connectSocket();

app.mount('#app');
