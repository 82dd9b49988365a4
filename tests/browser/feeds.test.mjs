// The demo site's feeds read by tools others wrote: every RSS feed through
// rss-parser (which refuses ill-formed XML), with RSS 2.0's required
// elements and RFC 822 dates asserted here, and the Atom feed against RFC
// 4287's RELAX NG schema with jing, plus the RFC's prose rules the schema
// cannot check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startLede } from './lede_server.mjs';

const require = createRequire(join(process.env.LEDE_TOOLS ?? '../tools', 'package.json'));
const Parser = require('rss-parser');
const shared = join(dirname(fileURLToPath(import.meta.url)), '../../../shared');
const atomSchema = join(shared, 'schemas/atom-rfc4287.rnc');

// RFC 822 (with RFC 1123's four-digit year), as RSS 2.0 requires.
const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

let server;
let work;
before(async () => {
  // A hub the feeds name (nothing is published here, so nothing is sent to it).
  server = await startLede(['--demo', '--public-url', 'https://news.example',
    '--websub-hub', 'https://hub.example/']);
  work = mkdtempSync(join(tmpdir(), 'lede-feeds-'));
});
after(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function fetchText(path) {
  const response = await fetch(server.base + path);
  assert.equal(response.status, 200, path);
  return { text: await response.text(), type: response.headers.get('content-type') };
}

for (const path of ['/feed/', '/world/feed/', '/tag/diplomacy/feed/', '/author/mina-cho/feed/']) {
  test(`RSS ${path} parses and has what RSS 2.0 requires`, async () => {
    const { text, type } = await fetchText(path);
    assert.match(type, /^application\/rss\+xml/);
    const feed = await new Parser({ customFields: { item: ['enclosure', 'content:encoded'] } }).parseString(text);
    assert.ok(feed.title, 'channel title');
    assert.ok(feed.link?.startsWith('https://news.example/'), 'channel link');
    assert.ok(feed.description, 'channel description');
    assert.match(text, new RegExp(`<atom:link href="https://news.example${path}" rel="self"`));
    assert.match(text, /<atom:link href="https:\/\/hub\.example\/" rel="hub"\/>/, 'the WebSub hub');
    assert.ok(feed.items.length > 0 && feed.items.length <= 30, `${feed.items.length} items`);
    for (const item of feed.items) {
      assert.ok(item.title, 'item title');
      assert.ok(item.link?.startsWith('https://news.example/'), item.link);
      assert.match(item.guid, /^tag:news\.example,\d{4}:article:\d+$/);
      assert.match(item.pubDate, rfc822);
      assert.ok(item['content:encoded']?.length > 100, 'full HTML content');
      assert.ok(item.enclosure?.url?.startsWith('https://news.example/media/'), 'lead image');
      assert.ok(Number(item.enclosure.length) > 0, 'enclosure length');
    }
    // Newest first, and nothing unpublished.
    const dates = feed.items.map((item) => Date.parse(item.pubDate));
    assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
    assert.doesNotMatch(text, /Draft: harbour authority|Embargoed: the spring science/);
  });
}

test('RSS /corrections/feed/ parses: an item per correction, newest first', async () => {
  const { text, type } = await fetchText('/corrections/feed/');
  assert.match(type, /^application\/rss\+xml/);
  const feed = await new Parser().parseString(text);
  assert.ok(feed.title && feed.description && feed.link === 'https://news.example/corrections/');
  assert.ok(feed.items.length > 0, 'the demo has corrections');
  for (const item of feed.items) {
    assert.match(item.title, /^Correction: /);
    assert.ok(item.link?.startsWith('https://news.example/'), item.link);
    assert.match(item.guid, /^tag:news\.example,\d{4}:article:\d+:correction:\d+$/);
    assert.match(item.pubDate, rfc822);
    assert.ok(item.contentSnippet?.length > 10, 'the note');
  }
  const dates = feed.items.map((item) => Date.parse(item.pubDate));
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
});

test('Atom /atom.xml is valid RFC 4287 and every entry has an author and content', async (t) => {
  const { text, type } = await fetchText('/atom.xml');
  assert.match(text, /<link rel="hub" href="https:\/\/hub\.example\/"\/>/, 'the WebSub hub');
  assert.match(type, /^application\/atom\+xml/);
  if (!existsSync(atomSchema)) {
    t.skip('../shared/schemas is absent (a clone without the shared folder)');
    return;
  }
  const file = join(work, 'feed.atom');
  writeFileSync(file, text);
  execFileSync('jing', ['-c', atomSchema, file], { stdio: ['ignore', 'pipe', 'pipe'] });  // throws when invalid
  const entries = text.split('<entry>').slice(1);
  assert.equal(entries.length, 30);
  for (const entry of entries) {
    assert.match(entry, /<id>tag:news\.example,\d{4}:article:\d+<\/id>/);
    assert.match(entry, /<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/updated>/);
    assert.match(entry, /<author><name>[^<]+<\/name><\/author>/);
    assert.match(entry, /<content type="html">/);
    assert.match(entry, /<link rel="alternate" type="text\/html" href="https:\/\/news\.example\//);
  }
});

test('every page names the feeds in its head; a listing also its own', async () => {
  const home = (await fetchText('/')).text;
  assert.match(home, /<link rel="alternate" type="application\/rss\+xml" title="The Daily Lede" href="https:\/\/news\.example\/feed\/">/);
  assert.match(home, /<link rel="alternate" type="application\/atom\+xml" title="The Daily Lede \(Atom\)" href="https:\/\/news\.example\/atom\.xml">/);
  const section = (await fetchText('/world/')).text;
  assert.match(section, /<link rel="alternate" type="application\/rss\+xml" title="The Daily Lede: World" href="https:\/\/news\.example\/world\/feed\/">/);
});
