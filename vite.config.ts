import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

// Chunks of the first visit. Left to itself the bundler cuts ~70 files for the board (every
// Element Plus style entry and every shared helper its own chunk), and each response costs its
// headers (~0.7 KB with the security headers) and a request. Everything listed here is what the
// shell and the board use, so grouping it adds nothing to the first visit and cuts the requests.
const FIRST_VISIT_UI = 'alert|avatar|badge|button|card|collection|config-provider|container|dropdown|empty|focus-trap|icon|input|loading|pagination|popper|roving-focus-group|scrollbar|select|select-v2|slot|tag|tooltip';
const CHUNK_GROUPS = [
  {
    name: 'vendor',
    test: new RegExp(
      '/node_modules/(' +
        [
          '@vue/|vue/|vue-router/|pinia/|vue-i18n/|@intlify/|socket\\.io-client/|socket\\.io-parser/|engine\\.io-|@socket\\.io/component-emitter/',
          // (not lodash-es: the functions other pages use would come along)
          '@popperjs/|@vueuse/|@ctrl/tinycolor/|@element-plus/icons-vue/',
          // Element Plus's own base (not its other languages) and the components listed above
          'element-plus/es/(?!components/|locale/lang/(?!zh-cn))',
          `element-plus/es/components/(${FIRST_VISIT_UI})/`,
          'element-plus/es/components/form/src/(hooks|constants|utils)', // what inputs use, not the form and its validator
          `element-plus/theme-chalk/(base|el-(${FIRST_VISIT_UI}))\\.css`,
        ].join('|') +
        ')',
    ),
  },
  {
    name: 'shell',
    test: /\/(client\/(main|App|router\/|i18n\/(?!en)|api\/(http|socket|ApiError|toast)|stores\/(session|connection)|components\/(AppLayout|MainNav|UserMenu|LanguageSwitch|ConnectionIndicator)|styles\.css)|shared\/(constants|errors))/,
  },
  { name: 'board', test: /\/(client\/(components\/board\/(format|boardFilter|ChallengeCard)|stores\/board)|shared\/industryTable)/ },
];

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
    // Messages are compiled by client/i18n/compile.ts (installed as `messageCompiler`), so
    // vue-i18n's own message compiler (~17 KB) is left out of the build. Not under Vitest, where
    // defines become globals and the compiler's test compares against vue-i18n's own.
    ...(process.env.VITEST ? {} : { __INTLIFY_DROP_MESSAGE_COMPILER__: 'true' }),
  },
  build: {
    outDir: process.env.CLIENT_OUT_DIR ?? `${root}dist/client`,
    emptyOutDir: true,
    // The manifest lets test/bench/first-load.ts name the chunks each view pulls in.
    manifest: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } },
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
