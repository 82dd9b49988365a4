// A public corpus of XSS vectors (../shared/testdata/xss) through every
// path that takes markup or text from outside: article bodies sent to the
// Admin API as HTML and as Markdown, the newsroom's editor form, a
// WordPress import, reader feedback shown in the newsroom, and search
// queries with their snippets. Every resulting page is loaded in real
// Chromium with hooks that record any dialog, any call to alert, confirm,
// prompt or print, any Content-Security-Policy violation (an inline script
// or handler that reached the page), any navigation away, and any request
// to another origin other than a content image. None may happen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startLede, chromiumFlags } from './lede_server.mjs';

const require = createRequire(join(process.env.LEDE_TOOLS ?? '../tools', 'package.json'));
const { chromium } = require('playwright-core');

const corpus = new URL('../../../shared/testdata/xss/xss-payload-list.txt', import.meta.url).pathname;
const skip = existsSync(corpus) ? false : `no ${corpus} (a clone without ../shared)`;
const payloads = skip ? [] : readFileSync(corpus, 'utf8').split('\n').filter((line) => line.trim());
const perArticle = 150;
const chunks = [];
for (let i = 0; i < payloads.length; i += perArticle) chunks.push(payloads.slice(i, i + perArticle));
const password = 'a long enough passphrase for tests';
const escapeXml = (text) => text.replace(/]]>/g, ']]]]><![CDATA[>');

let server;
let browser;
let token;
before(async () => {
  if (skip) return;
  server = await startLede(['--demo', '--vote-limit', 'off'], (dataDir, run) => {
    run(['demo']);
    run(['user', 'add', 'editor@example.org', '--name', 'An editor', '--role', 'editor',
         '--password-stdin'], password + '\n');
    token = run(['token', 'add', '--user', 'editor@example.org']).split('\n')[0].trim();
    // The import path: one post per chunk, bodies as WordPress stores them.
    const items = chunks.map((chunk, n) => `<item><title><![CDATA[Imported vectors ${n}]]></title>
<content:encoded><![CDATA[${escapeXml(chunk.map((p) => `<p>${p}</p>`).join('\n'))}]]></content:encoded>
<wp:post_id>${9000 + n}</wp:post_id><wp:post_date_gmt>2026-11-01 08:00:00</wp:post_date_gmt>
<wp:post_name>imported-vectors-${n}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="world"><![CDATA[World]]></category></item>`);
    const file = join(dataDir, 'vectors.xml');
    writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Vectors</title><link>https://vectors.example</link><wp:wxr_version>1.2</wp:wxr_version>
${items.join('\n')}
</channel></rss>`);
    run(['import', 'wordpress', file]);
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const api = (path, method, body) => fetch(server.base + path, {
  method,
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

// Loads each path in one watched context; returns what went wrong.
async function visit(paths, contextOptions = {}, okStatuses = [200]) {
  const context = await browser.newContext(contextOptions);
  const problems = [];
  let current = '';
  await context.addInitScript(() => {
    window.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = (...args) => { window.__xss.push(`${name}(${args.join(',')})`); };
    }
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__xss.push(`CSP blocked ${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
    });
  });
  await context.route('**/*', (route) => {
    const request = route.request();
    const url = request.url();
    if (url.startsWith(server.base) || url.startsWith('data:')) return route.continue();
    // Content images may come from anywhere (imported articles link them);
    // nothing else may leave the site.
    if (!['image', 'media'].includes(request.resourceType())) {
      problems.push(`${current}: ${request.resourceType()} request to ${url}`);
    }
    return route.abort();
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => { problems.push(`${current}: dialog ${dialog.message()}`); dialog.dismiss(); });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url() !== 'about:blank' && !frame.url().startsWith(server.base)) {
      problems.push(`${current}: navigated to ${frame.url()}`);
    }
  });
  try {
    for (const path of paths) {
      current = path;
      if (path.startsWith('content:')) {
        // The watch's own check: markup put straight into a blank page.
        await page.setContent(path.slice('content:'.length));
      } else {
        const response = await page.goto(server.base + path, { waitUntil: 'load' });
        assert.ok(okStatuses.includes(response.status()), `${path}: ${response.status()}`);
      }
      await page.waitForTimeout(50);  // timers and late handlers
      for (const what of await page.evaluate(() => window.__xss)) problems.push(`${path}: ${what}`);
    }
  } finally {
    await context.close();
  }
  return problems;
}

// Signs the editor in through the form; returns the session's cookies.
async function editorCookies() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.base + '/admin/sign-in');
  await page.fill('#email', 'editor@example.org');
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/admin\/articles\//);
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}

test('the watch itself sees a script run and a request leave', { skip }, async () => {
  const problems = await visit(['content:<script>alert(1)</script><img src=x onerror="confirm(2)">' +
                                '<script src="https://evil.example/x.js"></script>']);
  assert.ok(problems.some((p) => p.includes('alert(1)')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('confirm(2)')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('script request to https://evil.example/x.js')),
    problems.join('\n'));
});

test('article bodies from the Admin API, as HTML and as Markdown', { skip }, async () => {
  const paths = [];
  for (const [n, chunk] of chunks.entries()) {
    for (const format of ['html', 'markdown']) {
      const body = format === 'html' ? chunk.map((p) => `<p>${p}</p>`).join('\n') : chunk.join('\n\n');
      const made = await api('/api/v1/admin/articles', 'POST', {
        headline: `Vectors ${format} ${n}`, section: 'world', body, body_format: format,
        quick_looks: chunk.slice(0, 3).map((p) => p.slice(0, 200)), standfirst: chunk[3].slice(0, 300),
        status: 'published',
      });
      const answer = await made.text();
      assert.equal(made.status, 201, answer);
      paths.push(JSON.parse(answer).url);
    }
  }
  const problems = await visit(paths);
  assert.deepEqual(problems, []);
});

test('a WordPress import', { skip }, async () => {
  const paths = chunks.map((_, n) => `/world/imported-vectors-${n}/`);
  const problems = await visit(paths);
  assert.deepEqual(problems, []);
});

test('the newsroom editor, its preview and the saved article', { skip }, async () => {
  const cookies = await editorCookies();
  const problems = [];
  for (const [n, chunk] of chunks.slice(0, 8).entries()) {
    const watched = await browser.newContext();
    await watched.addCookies(cookies);
    const editor = await watched.newPage();
    editor.on('dialog', (dialog) => { problems.push(`editor ${n}: dialog ${dialog.message()}`); dialog.dismiss(); });
    await editor.goto(server.base + '/admin/articles/new');
    await editor.fill('#headline', `Editor vectors ${n}`);
    await editor.fill('#body', chunk.join('\n\n'));
    for (let i = 0; i < 3; i++) await editor.fill(`#quick-look-${i + 1}`, chunk[i].slice(0, 200));
    await editor.selectOption('#section-select', 'world');
    await editor.click('button[value=publish]');
    await editor.waitForURL(/\/admin\/articles\/\d+\//);
    // The editor page again, with the vectors in its form fields.
    await editor.reload();
    await editor.waitForTimeout(50);
    await watched.close();
  }
  assert.deepEqual(problems, []);
  const listed = await (await api('/api/v1/admin/articles?q=Editor%20vectors', 'GET')).json();
  const paths = (listed.articles ?? []).map((article) => article.url).filter(Boolean);
  assert.ok(paths.length >= 1, JSON.stringify(listed).slice(0, 300));
  assert.deepEqual(await visit(paths), []);
});

test('reader feedback, as the newsroom reads it', { skip }, async () => {
  // Each vector as the feedback of a low vote from a new reader.
  for (const vector of payloads.filter((_, i) => i % 10 === 0)) {
    const vote = await fetch(`${server.base}/api/v1/articles/2/ratings`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"stars": 1}',
    });
    assert.equal(vote.status, 201);
    const cookie = vote.headers.get('set-cookie').split(';')[0];
    const sent = await fetch(`${server.base}/api/v1/articles/2/feedback`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ feedback: vector.slice(0, 2000) }),
    });
    assert.ok(sent.status < 300, `${sent.status} ${await sent.text()}`);
  }
  const cookies = await editorCookies();
  const problems = [];
  const watched = await browser.newContext();
  await watched.addCookies(cookies);
  const list = await watched.newPage();
  list.on('dialog', (dialog) => { problems.push(`ratings: dialog ${dialog.message()}`); dialog.dismiss(); });
  await list.goto(server.base + '/admin/ratings/?article=2');
  await list.waitForTimeout(100);
  const shown = await list.locator('body').innerText();
  assert.match(shown, /alert|script|onerror/i, 'the feedback is shown, as text');
  await watched.close();
  assert.deepEqual(problems, []);
});

test('search queries and the snippets they find', { skip }, async () => {
  const queries = payloads.filter((_, i) => i % 50 === 0).map((q) => q.slice(0, 200));
  queries.push('alert', 'script', 'onerror', 'javascript', 'img src');
  const paths = queries.map((q) => `/search?q=${encodeURIComponent(q)}`);
  // A query lede refuses (too long, nothing to search for) is a 400 page.
  const problems = await visit(paths, {}, [200, 400]);
  assert.deepEqual(problems, []);
});
