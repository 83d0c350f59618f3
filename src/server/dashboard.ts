import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { App } from './app-types.js';

const WEB = new URL('../../web/', import.meta.url);

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
}

let assets: Promise<Map<string, Asset>> | undefined;

/**
 * The dashboard (React, web/src) bundled with esbuild when first asked for, kept in memory
 * and gzipped once; no separate build step to forget before `npm start`.
 */
export function dashboardAssets(): Promise<Map<string, Asset>> {
  assets ??= build({
    entryPoints: { app: new URL('src/main.tsx', WEB).pathname },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    outdir: 'assets',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  }).then((result) => {
    const map = new Map<string, Asset>();
    for (const file of result.outputFiles) {
      const name = file.path.split('/').pop()!;
      const body = Buffer.from(file.contents);
      map.set(name, { body, gzip: gzipSync(body), type: name.endsWith('.css') ? 'text/css' : 'text/javascript' });
    }
    return map;
  });
  return assets;
}

export function dashboardRoutes(app: App) {
  const index = readFileSync(new URL('index.html', WEB), 'utf8');
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/app'));
  const page = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  app.get('/app', { schema: { hide: true } }, page);
  app.get('/app/*', { schema: { hide: true } }, page);
  app.get('/r/*', { schema: { hide: true } }, page);
  app.get('/assets/:name', { schema: { hide: true } }, async (req, reply) => {
    const { name } = req.params as { name: string };
    const asset = (await dashboardAssets()).get(name);
    if (!asset) return reply.status(404).send({ error: { code: 'not_found', message: `No asset ${name}.` } });
    reply.header('content-type', `${asset.type}; charset=utf-8`).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });
}
