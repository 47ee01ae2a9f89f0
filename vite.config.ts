import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  // The client lives in client/; Vitest runs from the repository root.
  root: process.env.VITEST ? root : `${root}client`,
  plugins: [
    vue(),
    // Element Plus on demand: each <el-*> tag (and v-loading) imports its component and its own
    // CSS where it is used, so the board does not pay for the whole library and its 360 KB of CSS.
    // Services called from scripts (ElMessage & co.) are imported explicitly; their CSS is in main.ts.
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      // No generated declarations: typed <el-table> slots would fail vue-tsc in the admin panels
      // (their `row` is typed by hand), so templates stay as loosely typed as under app.use().
      dts: false,
    }),
    // Brotli and gzip made once at build time; server/app.ts serves whichever the browser accepts.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 512, logLevel: 'silent' }),
  ],
  define: {
    // vue-i18n runs in composition mode (legacy: false) and uses neither <i18n-t> nor v-t:
    // leave the legacy API, the global components and the devtools hook out of the bundle.
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: process.env.CLIENT_OUT_DIR ?? `${root}dist/client`,
    emptyOutDir: true,
    // The manifest lets test/bench/first-load.ts name the chunks each view pulls in.
    manifest: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
      '/collab': { target: backend, ws: true },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/globalSetup.ts'],
    reporters: ['default', './test/helpers/summaryReporter.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
