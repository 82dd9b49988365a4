// What search engines read, checked by independent tools: JSON-LD with
// structured-data-testing-tool (Google preset) and Adobe's validator
// against the schema.org vocabulary, and Lighthouse's SEO and
// accessibility categories on the home, article and search pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startLede, chromiumFlags } from './lede_server.mjs';

const tools = process.env.LEDE_TOOLS ?? '../tools';
const require = createRequire(join(tools, 'package.json'));
const { structuredDataTest } = require('structured-data-testing-tool');
const { Google } = require('structured-data-testing-tool/presets');
const schemaOrgPath = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/schemas/schemaorg/schemaorg-all-https.jsonld');

const article = '/world/seoul-and-tokyo-agree-to-reopen-ferry-routes-closed-for-a-decade/';
const pages = {
  home: '/',
  article,
  section: '/world/',
  tag: '/tag/diplomacy/',
  author: '/author/mina-cho/',
};

let server;
before(async () => {
  server = await startLede(['--demo']);
});
after(async () => {
  await server?.stop();
});

const html = async (path) => (await fetch(server.base + path)).text();

for (const [name, path] of Object.entries(pages)) {
  test(`${name}: JSON-LD passes structured-data-testing-tool's Google preset`, async () => {
    let result;
    try {
      result = await structuredDataTest(await html(path), { presets: [Google] });
    } catch (error) {
      if (error.type !== 'VALIDATION_FAILED') throw error;
      result = error.res;
    }
    assert.deepEqual(result.failed.map((t) => `${t.test}: ${t.error?.message ?? ''}`), []);
    const expected = { home: 'WebSite', article: 'NewsArticle', section: 'CollectionPage', tag: 'CollectionPage',
      author: 'ProfilePage' }[name];
    assert.ok(result.schemas.includes(expected), `${expected} in ${result.schemas}`);
  });
}

test('every JSON-LD type and property is schema.org vocabulary (Adobe validator)', { skip: existsSync(schemaOrgPath) ? false : '../shared/schemas is absent (a clone without the shared folder)' }, async () => {
  const Validator = (await import(pathToFileURL(require.resolve('@adobe/structured-data-validator')).href)).default;
  const WebAutoExtractor = (await import(pathToFileURL(require.resolve('@marbec/web-auto-extractor')).href)).default;
  const validator = new Validator(JSON.parse(readFileSync(schemaOrgPath, 'utf8')));
  for (const path of Object.values(pages)) {
    const extracted = new WebAutoExtractor({ addLocation: true, embedSource: ['rdfa', 'microdata'] }).parse(await html(path));
    assert.ok(extracted.jsonld && Object.keys(extracted.jsonld).length > 0, `${path} has JSON-LD`);
    const issues = await validator.validate(extracted);
    assert.deepEqual(issues.filter((i) => i.severity === 'ERROR').map((i) => `${path}: ${i.issueMessage}`), []);
  }
});

test('Lighthouse scores SEO and accessibility 1.0 on the home, article and search pages', { timeout: 240000 }, async () => {
  const cli = join(dirname(require.resolve('lighthouse/package.json')), 'cli/index.js');
  const out = mkdtempSync(join(tmpdir(), 'lede-lighthouse-'));
  try {
    for (const path of ['/', article, '/search?q=ferry']) {
      const report = join(out, 'report.json');
      await promisify(execFile)(process.execPath, [cli, server.base + path, '--chrome-path=/usr/bin/chromium',
        `--chrome-flags=${chromiumFlags.join(' ')}`, '--only-categories=seo,accessibility', '--output=json',
        `--output-path=${report}`, '--quiet'], { timeout: 120000 });
      const { categories, audits } = JSON.parse(readFileSync(report, 'utf8'));
      const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id);
      assert.equal(categories.seo.score, 1, `${path} SEO: ${failing}`);
      assert.equal(categories.accessibility.score, 1, `${path} accessibility: ${failing}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
