// Search as a reader uses it, in real Chromium, with and without
// JavaScript (the forms are plain GET forms): the masthead's box, the
// filters, the spelling suggestion, and a phone-width results page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startLede, chromiumFlags } from './lede_server.mjs';

const require = createRequire(join(process.env.LEDE_TOOLS ?? '../tools', 'package.json'));
const { chromium } = require('playwright-core');

let server;
let browser;
before(async () => {
  server = await startLede(['--demo']);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a reader searches from the masthead and narrows by section (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const context = await browser.newContext({ javaScriptEnabled });
    try {
      const page = await context.newPage();
      await page.goto(server.base + '/world/');
      await page.getByRole('searchbox', { name: 'Search articles' }).fill('ferry');
      await page.getByRole('searchbox', { name: 'Search articles' }).press('Enter');
      await page.waitForURL(/\/search\?q=ferry$/);
      assert.equal(await page.locator('h1').innerText(), 'Results for “ferry”');
      const first = page.locator('.search-result').first();
      assert.match(await first.locator('mark').first().innerText(), /^ferry$/i);
      const headline = await first.locator('h2 a').innerText();

      await page.getByLabel('Section', { exact: true }).selectOption('sport');
      await page.getByRole('button', { name: 'Search', exact: true }).last().click();
      await page.waitForURL(/section=sport/);
      assert.match(await page.locator('.search__summary').innerText(), /No articles match/);

      await page.getByLabel('Section', { exact: true }).selectOption('');
      await page.getByRole('searchbox', { name: 'Search for' }).fill('ferrry');
      await page.getByRole('searchbox', { name: 'Search for' }).press('Enter');
      await page.waitForURL(/q=ferrry/);
      await page.getByRole('link', { name: 'ferry', exact: true }).click();
      await page.waitForURL(/q=ferry$/);
      assert.equal(await page.locator('.search-result h2 a').first().innerText(), headline);
    } finally {
      await context.close();
    }
  });
}

test('a phone-width results page does not scroll sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.goto(server.base + '/search?q=the');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `overflows by ${overflow}px`);
  } finally {
    await context.close();
  }
});
