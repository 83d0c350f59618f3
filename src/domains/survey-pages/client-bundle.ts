import { buildSync } from 'esbuild';

let bundled: string | undefined;

/**
 * The survey page's script, bundled once per process from TypeScript that shares the display
 * logic with the server; small enough to inline, so the page is one request.
 */
export function surveyPageScript(): string {
  bundled ??= buildSync({
    entryPoints: [new URL('./client/survey-page.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
  return bundled;
}
