// Imported real-world content must never push a page wider than the
// screen: every page of every real export under ../shared/testdata, at a
// phone's 390 px and a laptop's 1280 px. Long words wrap; wide tables and
// code scroll inside their own box.
//
// LEDE_FIT_PAGES caps the pages crawled per export (breadth first from the
// home page, so every kind of page comes early): ./dev test looks at the
// first 12 of each, ./dev test all (browser.real_exports_fit.all) at up
// to 600, every page most exports have.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startLede, chromiumFlags } from './lede_server.mjs';

const require = createRequire(join(process.env.LEDE_TOOLS ?? '../tools', 'package.json'));
const { chromium } = require('playwright-core');
const here = fileURLToPath(new URL('.', import.meta.url));
const exportsDir = join(here, '..', '..', '..', 'shared', 'testdata', 'wxr');
const shared = existsSync(exportsDir);

function exportFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? exportFiles(path) : path.endsWith('.xml') ? [path] : [];
  });
}

// Every page of the site reachable from its home page: same host, pages
// only (not assets, media, the admin or the API), at most `limit`.
const pageLimit = Number(process.env.LEDE_FIT_PAGES ?? 600);

async function crawl(base, limit = pageLimit) {
  const seen = new Set(['/']);
  const queue = ['/'];
  const pages = [];
  while (queue.length && pages.length < limit) {
    const path = queue.shift();
    const response = await fetch(base + path, { redirect: 'manual' });
    if (response.status !== 200 || !(response.headers.get('content-type') || '').includes('text/html')) continue;
    pages.push(path);
    const html = await response.text();
    for (const match of html.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = match[1].replaceAll('&amp;', '&');
      if (/^\/(static|media|admin|api|preview)\//.test(link) || link.startsWith('//')) continue;
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return pages;
}

let browser;
before(async () => {
  if (shared) browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});
after(async () => { await browser?.close(); });

test('no page of any real export is wider than the screen', { skip: shared ? false : '../shared/testdata is absent (a clone without the shared folder)' }, async () => {
  const overflowing = [];
  let checked = 0;
  for (const file of exportFiles(exportsDir)) {
    let server;
    try {
      server = await startLede([], (dataDir, run) => {
        try {
          run(['import', 'wordpress', file]);
        } catch {
          // Malformed fixtures are refused by the importer; nothing to look at.
        }
      });
    } catch (error) {
      assert.fail(`${file}: ${error.message}`);
    }
    try {
      const paths = await crawl(server.base);
      for (const width of [390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        // Only lede itself answers: imported pages point at remote images.
        await context.route('**/*', (route) => {
          const url = new URL(route.request().url());
          return url.hostname === '127.0.0.1' ? route.continue() : route.abort();
        });
        const page = await context.newPage();
        for (const path of paths) {
          await page.goto(server.base + path, { waitUntil: 'load' });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          checked++;
          if (overflow > 0) overflowing.push(`${relative(exportsDir, file)} ${path} at ${width}px: ${overflow}px too wide`);
        }
        await context.close();
      }
    } finally {
      await server.stop();
    }
  }
  assert.ok(checked > Math.min(300, pageLimit * 4), `only ${checked} page views checked`);
  assert.deepEqual(overflowing, []);
});
