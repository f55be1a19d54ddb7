import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import ts from 'typescript';
import { transformWithTs } from '@formatjs/ts-transformer';
import { parse } from '@formatjs/icu-messageformat-parser';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const DSFR_FR_INDEX = /@codegouvfr\/react-dsfr\/fr\/index\.js$/;
/** The DSFR's colour tables, about 95 kB minified (react-dsfr's `fr/generatedFromCss/*color*`). */
const DSFR_COLOR_TABLES =
  /@codegouvfr\/react-dsfr\/fr\/(colors\.js|generatedFromCss\/(colorDecision|colorOption|getColor))/;

/**
 * Issue 13 (first page ≤ 150 kB gzip): every react-dsfr component imports its `fr` object for `fr.cx`, and that
 * object carries the DSFR's colour tables, which only `startReactDsfr` reads (useIsDark/client.js: the
 * `theme-color` meta, i.e. the grey default background, #ffffff light / #161616 dark). This swaps `fr/index.js`
 * for the same object whose `colors.getHex` answers that one value. The build fails if anything else reaches the
 * colour tables (`useColors`, `Tooltip`, `fr.colors` in our code): then remove this plugin.
 */
function dsfrWithoutColourTables(): Plugin {
  return {
    name: 'carnet-dsfr-without-colour-tables',
    enforce: 'pre',
    load(id) {
      if (!DSFR_FR_INDEX.test(id)) return null;
      return `import { breakpoints } from "./breakpoints";
import { spacing } from "./spacing";
import { cx } from "./cx";
import { typography } from "./generatedFromCss/typography";
const background = (isDark) => ({ decisions: { background: { default: { grey: { default: isDark ? "#161616" : "#ffffff" } } } } });
export const colors = { getHex: ({ isDark }) => background(isDark) };
export const fr = { breakpoints, spacing, cx, colors, typography };
`;
    },
    transform(code, id) {
      if (DSFR_COLOR_TABLES.test(id)) this.error(`${id} is bundled: the DSFR's colour tables are needed again`);
      const uses =
        /\bfr\.colors\.(options|decisions)|useColors|getHex\(\{[^}]*\}\)\.(options|decisions\.(?!background))/;
      if (uses.test(code) && !id.endsWith('useIsDark/client.js'))
        this.error(`${id} reads the DSFR's colour tables (stubbed by vite.config.ts)`);
      return null;
    },
  };
}

const WEB_SOURCE = /\/web\/src\/.*\.tsx?$/;
const ENGLISH_CATALOG = /\/web\/src\/i18n\/en\/[^/]+\.json$/;

/**
 * Issue 13 and 15: the messages are compiled when the app is built, with formatjs's own TypeScript transformer
 * (`ast: true`: each `defaultMessage` of defineMessages / formatMessage / <FormattedMessage> becomes its parsed
 * form) and the English catalogs parsed the same way, so the bundle carries react-intl without its message parser
 * (the `no-parser` build of @formatjs/icu-messageformat-parser, aliased below): about 45 kB of source off every
 * page. A message that fails to parse fails the build.
 */
function precompiledMessages(): Plugin {
  return {
    name: 'carnet-precompiled-messages',
    enforce: 'pre',
    apply: 'build',
    config: () => ({
      resolve: {
        alias: [
          {
            find: /^@formatjs\/icu-messageformat-parser$/,
            replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
          },
        ],
      },
    }),
    transform(code, id) {
      if (ENGLISH_CATALOG.test(id)) {
        const catalog = JSON.parse(code) as Record<string, string>;
        const compiled = Object.fromEntries(Object.entries(catalog).map(([key, text]) => [key, parse(text)]));
        return { code: JSON.stringify(compiled), map: null };
      }
      if (!WEB_SOURCE.test(id) || !/defaultMessage/.test(code)) return null;
      const out = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: ts.ScriptTarget.ESNext,
          module: ts.ModuleKind.ESNext,
          jsx: ts.JsxEmit.Preserve,
          verbatimModuleSyntax: false,
          sourceMap: true,
          inlineSources: true,
        },
        transformers: { before: [transformWithTs(ts, { ast: true, preserveWhitespace: true })] },
        reportDiagnostics: false,
      });
      return { code: out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, ''), map: out.sourceMapText ?? null };
    },
  };
}

const ROUTE_FILE = /\/shared\/src\/routes\/[^/]+\.routes\.ts$/;

/**
 * Issue 13 (first page ≤ 150 kB gzip): the web imports the shared route tables for their method and path, and
 * their types; the Zod schemas in them (the server's validation, the response shapes) came along at run time,
 * 32 kB gzip of Zod on the first page. For the build, each route file becomes what scripts/web-route-tables.ts
 * prints of it (tables of { method, path }, plain constants); types still come from the real files (tsc). A web
 * import of a schema or anything else left out fails the build (missing export).
 */
function routeTablesWithoutSchemas(): Plugin {
  let tables: Record<string, Record<string, unknown>> = {};
  return {
    name: 'carnet-route-tables-without-schemas',
    enforce: 'pre',
    apply: 'build',
    buildStart() {
      const script = path.resolve(import.meta.dirname, '../scripts/web-route-tables.ts');
      const output = execFileSync(process.execPath, ['--import', 'tsx', script], {
        cwd: path.resolve(import.meta.dirname, '..'),
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      tables = JSON.parse(output) as typeof tables;
    },
    load(id) {
      if (!ROUTE_FILE.test(id)) return null;
      const kept = tables[id];
      if (!kept) this.error(`${id}: not in the route tables of scripts/web-route-tables.ts`);
      return Object.entries(kept)
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
    },
  };
}

// The web app lives in web/ and builds to web/dist, which the Fastify server serves (server/src/app.ts).
// The public folder is the default (web/public): `react-dsfr copy-static-assets --projectDir web` copies the
// DSFR's CSS, fonts and icons into web/public/dsfr (git-ignored, refreshed at `npm install`).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [dsfrWithoutColourTables(), routeTablesWithoutSchemas(), precompiledMessages(), react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json: which chunks each page needs (the bench's web row reads it).
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/dev/api': 'http://localhost:3000',
    },
  },
});
