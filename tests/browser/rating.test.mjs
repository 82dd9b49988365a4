// The rating block as a reader uses it, in real Chromium: with JavaScript
// the vote goes by fetch and the figures change in place; without it the
// stars are a plain form that posts and comes back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startLede, chromiumFlags } from './lede_server.mjs';

const require = createRequire(join(process.env.LEDE_TOOLS ?? '../tools', 'package.json'));
const { chromium } = require('playwright-core');

// Demo articles no other test votes on; each flow uses its own.
const withScript = '/culture/forgotten-composers-opera-staged-for-the-first-time/';
const withoutScript = '/sport/underdogs-reach-the-cup-final-after-penalty-shootout/';

let server;
let browser;
before(async () => {
  server = await startLede(['--demo', '--vote-limit', '1000/600']);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const summaryText = (page) => page.locator('.rating').innerText();

async function checkFlow(javaScriptEnabled, path) {
  const context = await browser.newContext({ javaScriptEnabled });
  try {
    const page = await context.newPage();
    await page.goto(server.base + path);
    let text = await summaryText(page);
    assert.match(text, /How useful was this article\?/);
    assert.match(text, /Click on a star to rate it!/);
    assert.match(text, /No votes so far! Be the first to rate this article\./);
    assert.doesNotMatch(text, /Vote count/);

    const fourth = page.getByRole('button', { name: 'Rate 4 out of 5' });
    await fourth.focus();
    assert.ok(await fourth.evaluate((el) => getComputedStyle(el.querySelector('.rating__tip')).opacity === '1'),
      'the label shows on focus');
    if (javaScriptEnabled) {
      await page.evaluate(() => { window.notReloaded = true; });
      await fourth.click();
      await page.getByText('Thank you for rating this article!').waitFor();
      assert.equal(await page.evaluate(() => window.notReloaded), true, 'no reload happened');
    } else {
      await Promise.all([page.waitForURL(/rating=thanks/), fourth.click()]);
    }
    text = await summaryText(page);
    assert.match(text, /Average rating 4\.0 \/ 5\. Vote count: 1/);
    assert.match(text, /Thank you for rating this article!/);
    assert.doesNotMatch(text, /No votes so far/);

    await page.goto(server.base + path);
    text = await summaryText(page);
    assert.match(text, /Average rating 4\.0 \/ 5\. Vote count: 1/, 'the vote is there after a reload');

    const again = page.getByRole('button', { name: 'Rate 2 out of 5' });
    if (javaScriptEnabled) {
      await again.click();
      await page.getByText('You already voted! This vote will not be counted!').waitFor();
    } else {
      await Promise.all([page.waitForURL(/rating=duplicate/), again.click()]);
      assert.match(await summaryText(page), /You already voted! This vote will not be counted!/);
    }
    assert.match(await summaryText(page), /Vote count: 1/);
  } finally {
    await context.close();
  }
}

test('rating with JavaScript updates in place', () => checkFlow(true, withScript));
test('rating without JavaScript posts the form and comes back', () => checkFlow(false, withoutScript));

test('a low rating offers feedback, sent in place with JavaScript', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.base + '/business/family-bakery-chain-expands-into-train-stations/');
    const feedback = page.locator('[data-rating-feedback]');
    assert.equal(await feedback.isVisible(), false);
    await page.getByRole('button', { name: 'Rate 1 out of 5' }).click();
    await page.getByText('We are sorry that this article was not useful for you!').waitFor();
    await page.getByLabel(/Tell us how we can improve/).fill('A map of the stations would help.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    assert.equal(await feedback.isVisible(), false);
  } finally {
    await context.close();
  }
});
