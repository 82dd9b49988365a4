// Times Admin API calls one after another on one kept-alive connection.
import http from 'node:http';

const [base, token, section, callsText] = process.argv.slice(2);
const calls = Number(callsText);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.request(base + path, {
      method, agent,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, text,
        ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const body = 'Paragraph one of a story written for the benchmark. '.repeat(40);
const ids = [];
const draftTimes = [];
for (let i = 0; i < calls; i++) {
  const result = await call('POST', '/api/v1/admin/articles', JSON.stringify({
    headline: `Benchmark story number ${i}`, body, section,
    quick_looks: ['First point', 'Second point', 'Third point'], tags: ['Benchmark'],
  }));
  if (result.status !== 201) throw new Error(`draft ${i}: ${result.status} ${result.text}`);
  ids.push(JSON.parse(result.text).id);
  draftTimes.push(result.ms);
}
const publishTimes = [];
for (const id of ids) {
  const result = await call('PUT', `/api/v1/admin/articles/${id}`,
    JSON.stringify({ status: 'published', version: 1 }));
  if (result.status !== 200) throw new Error(`publish ${id}: ${result.status} ${result.text}`);
  publishTimes.push(result.ms);
}
for (const [name, times] of [['save a draft (POST)', draftTimes], ['publish (PUT)', publishTimes]]) {
  console.log(`${name}: p50 ${percentile(times, 0.5).toFixed(2)} ms, p99 ${percentile(times, 0.99).toFixed(2)} ms, ` +
              `max ${Math.max(...times).toFixed(2)} ms over ${times.length} calls`);
}
agent.destroy();
