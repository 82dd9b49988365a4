// Every public page of the demo site, checked by tools others wrote: the
// Nu HTML Checker (zero errors) and axe-core in real Chromium (zero
// violations), in the light and the dark colour scheme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startLede, chromiumFlags } from './lede_server.mjs';

const require = createRequire(join(process.env.LEDE_TOOLS ?? '../tools', 'package.json'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const vnuJar = require.resolve('vnu-jar/build/dist/vnu.jar');

const pages = {
  home: { path: '/', status: 200 },
  article: { path: '/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/', status: 200 },
  section: { path: '/world/', status: 200 },
  authorPage2: { path: '/author/mina-cho/?page=2', status: 200 },
  tag: { path: '/tag/diplomacy/', status: 200 },
  author: { path: '/author/mina-cho/', status: 200 },
  notFound: { path: '/no-such-page/', status: 404 },
  topRated: { path: '/top-rated/', status: 200 },
  corrections: { path: '/corrections/', status: 200 },
  search: { path: '/search?q=ferry', status: 200 },
  searchNoResults: { path: '/search?q=ferrry', status: 200 },
  searchEmpty: { path: '/search', status: 200 },
  searchBadDate: { path: '/search?q=ferry&from=someday', status: 400 },
  afterLowVote: { path: '/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/?rating=thanks&stars=1', status: 200 },
};

let server;
let browser;
before(async () => {
  server = await startLede();
  // Votes, so lists show their compact ratings and Top Rated has entries.
  for (const [id, stars] of [[1, 4], [1, 5], [2, 3]]) {
    const response = await fetch(`${server.base}/api/v1/articles/${id}/ratings`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stars }),
    });
    assert.equal(response.status, 201);
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('every page is valid HTML (Nu HTML Checker, errors only)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-vnu-'));
  try {
    const files = [];
    for (const [name, page] of Object.entries(pages)) {
      const response = await fetch(server.base + page.path);
      assert.equal(response.status, page.status, `${name} ${page.path}`);
      const file = join(dir, `${name}.html`);
      writeFileSync(file, await response.text());
      files.push(file);
    }
    let report;
    try {
      report = execFileSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      report = error.stderr || error.stdout;  // vnu exits 1 and writes JSON to stderr on errors
    }
    const messages = report.trim() ? JSON.parse(report).messages : [];
    const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
    assert.deepEqual(errors.map((m) => `${m.url.split('/').pop()}:${m.lastLine}: ${m.message}`), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const scheme of ['light', 'dark']) {
  for (const [name, page] of Object.entries(pages)) {
    test(`${name} has no axe violations (${scheme})`, async () => {
      // bypassCSP: axe-core is injected as an inline script, which the
      // site's policy (rightly) refuses.
      const context = await browser.newContext({ colorScheme: scheme, bypassCSP: true });
      try {
        const tab = await context.newPage();
        const response = await tab.goto(server.base + page.path);
        assert.equal(response.status(), page.status);
        await tab.addScriptTag({ path: axePath });
        const result = await tab.evaluate(() => axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        }));
        const violations = result.violations.map((v) =>
          `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
        assert.deepEqual(violations, []);
      } finally {
        await context.close();
      }
    });
  }
}

test('the article reads at a newspaper measure and its images are responsive', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    await tab.goto(server.base + pages.article.path);
    const measure = await tab.evaluate(() => {
      const paragraph = document.querySelector('.story__body p');
      const style = getComputedStyle(paragraph);
      const canvas = document.createElement('canvas').getContext('2d');
      canvas.font = `${style.fontSize} ${style.fontFamily}`;
      const sample = 'abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz';
      const perChar = canvas.measureText(sample).width / sample.length;
      return paragraph.clientWidth / perChar;
    });
    assert.ok(measure >= 55 && measure <= 80, `measure is ${measure.toFixed(1)} characters`);
    const image = await tab.evaluate(() => {
      const img = document.querySelector('.story__lead img');
      return { srcset: img.getAttribute('srcset'), sizes: img.getAttribute('sizes'),
        loaded: img.complete && img.naturalWidth > 0, alt: img.alt };
    });
    assert.match(image.srcset, /480w.*960w.*1440w/);
    assert.ok(image.sizes);
    assert.ok(image.loaded, 'the lead image loads from lede itself');
    assert.ok(image.alt.length > 0);
  } finally {
    await context.close();
  }
});

test('a phone-width page does not scroll sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const tab = await context.newPage();
    for (const page of [pages.home, pages.article, pages.section]) {
      await tab.goto(server.base + page.path);
      const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${page.path} overflows by ${overflow}px`);
    }
  } finally {
    await context.close();
  }
});
