// Starts the real lede binary on a free loopback port with a temp data dir
// and stops it by its own PID.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `prepare(dataDir, run)` may set the site up with lede's own commands
// (run(args, stdin) runs `lede args...`) before it serves.
export async function startLede(extraArgs = ['--demo'], prepare = null) {
  const binary = process.env.LEDE_BINARY;
  if (!binary) throw new Error('LEDE_BINARY is not set (run through ctest)');
  const dataDir = mkdtempSync(join(tmpdir(), 'lede-browser-'));
  if (prepare) {
    await prepare(dataDir, (args, input = '') =>
      execFileSync(binary, [...args, '--data', dataDir], { input, encoding: 'utf8' }));
  }
  const child = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir,
    '--access-log', 'off', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lede did not start:\n${output}`)), 60000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/serving http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) { clearTimeout(timer); resolve(Number(match[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`lede exited ${code}:\n${output}`)); });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    dataDir,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The flags ../shared/VALIDATORS.md gives: Chromium must never reach beyond
// loopback.
export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];
