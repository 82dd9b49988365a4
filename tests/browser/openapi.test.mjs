// The Content API's OpenAPI description, read by tools others wrote: the
// document the server serves is validated against the official OpenAPI
// 3.1 JSON Schema (@seriousme/openapi-schema-validator), and real answers
// of the demo site are checked against the description's own response
// schemas with Ajv (JSON Schema 2020-12, formats checked), so the
// description cannot drift from what the server says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startLede } from './lede_server.mjs';

const require = createRequire(join(process.env.LEDE_TOOLS ?? '../tools', 'package.json'));
const { Validator } = require('@seriousme/openapi-schema-validator');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

let server;
let description;
let ajv;
before(async () => {
  server = await startLede(['--demo', '--public-url', 'https://news.example']);
  const response = await fetch(`${server.base}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  description = await response.json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(description, 'openapi.json');
});
after(async () => { await server?.stop(); });

// The JSON Pointer token for a path ("/articles/{slug}" -> "~1articles~1{slug}").
const token = (text) => text.replaceAll('~', '~0').replaceAll('/', '~1');

function responseSchema(path, status) {
  const pointer = `openapi.json#/paths/${token(path)}/get/responses/${status}`;
  let response = description.paths[path].get.responses[String(status)];
  assert.ok(response, `${path} describes no ${status}`);
  let ref = pointer;
  if (response.$ref) {
    ref = `openapi.json${response.$ref}`;
    response = description.components.responses[response.$ref.split('/').pop()];
  }
  const validate = ajv.getSchema(`${ref}/content/application~1json/schema`);
  assert.ok(validate, `no schema at ${ref}`);
  return validate;
}

async function check(path, url, status = 200) {
  const response = await fetch(server.base + url);
  assert.equal(response.status, status, `${url}: ${response.status}`);
  const body = await response.json();
  const validate = responseSchema(path, status);
  assert.ok(validate(body), `${url} does not match its description: ${ajv.errorsText(validate.errors)}`);
  return body;
}

test('the served description is valid OpenAPI 3.1 and names this site as its server', async () => {
  const result = await new Validator().validate(structuredClone(description));
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1));
  assert.equal(description.openapi, '3.1.0');
  assert.deepEqual(description.servers, [{ url: 'https://news.example/api/v1' }]);
  // The validator can say no: a parameter "in" the body (OpenAPI 2's way) is refused.
  const broken = structuredClone(description);
  broken.paths['/articles'].get.parameters[0].in = 'body';
  assert.equal((await new Validator().validate(broken)).valid, false);
});

test('every described path answers, and the answers match their schemas', async () => {
  const first = await check('/articles', '/api/v1/articles?limit=3');
  assert.equal(first.articles.length, 3);
  const slug = first.articles[0].slug;
  await check('/articles', `/api/v1/articles?cursor=${encodeURIComponent(first.next_cursor)}&limit=3`);
  await check('/articles', '/api/v1/articles?q=ferry&fields=headline,url,lead_image');
  await check('/articles', '/api/v1/articles?section=world&top_story=true&since=2020-01-01');
  const article = await check('/articles/{slug}', `/api/v1/articles/${slug}`);
  assert.ok(article.related.length > 0, 'the demo article has related coverage');
  await check('/articles/{slug}', `/api/v1/articles/${slug}?fields=headline,related`);
  await check('/search', '/api/v1/search?q=ferry');
  await check('/search', '/api/v1/search?q=fery');  // no match: a suggestion
  await check('/sections', '/api/v1/sections');
  await check('/tags', '/api/v1/tags');
  await check('/authors', '/api/v1/authors');
  await check('/corrections', '/api/v1/corrections');
  for (const path of Object.keys(description.paths)) {
    const url = '/api/v1' + path.replace('{slug}', slug);
    assert.equal((await fetch(server.base + url)).status, 200, url);
  }
});

test('errors match the described error answers', async () => {
  const bad = await check('/articles', '/api/v1/articles?limit=500', 400);
  assert.equal(bad.parameter, 'limit');
  await check('/articles/{slug}', '/api/v1/articles/no-such-story', 404);
  await check('/search', '/api/v1/search?q=x&nope=1', 400);
  // A schema that would accept anything checks nothing: a wrong shape fails.
  const validate = responseSchema('/articles/{slug}', 200);
  assert.equal(validate({ headline: 7 }), false);
  assert.equal(validate({ headline: 'x', secret: true }), false);
});
