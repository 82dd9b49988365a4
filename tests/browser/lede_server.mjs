// Starts the real lede binary on a free loopback port with a temp data dir
// and stops it by its own PID. With LEDE_TEST_STORE=postgres (the
// *.on_postgres tests), the site is in a PostgreSQL database of its own on
// the server ./dev test all started (LEDE_TEST_POSTGRES), named to every lede
// command as LEDE_DB, as tests/support/test_store.h does for e2e_test.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `prepare(dataDir, run)` may set the site up with lede's own commands
// (run(args, stdin) runs `lede args...`) before it serves.
export async function startLede(extraArgs = ['--demo'], prepare = null) {
  const binary = process.env.LEDE_BINARY;
  if (!binary) throw new Error('LEDE_BINARY is not set (run through ctest)');
  const dataDir = mkdtempSync(join(tmpdir(), 'lede-browser-'));
  const database = createDatabase();
  const env = database ? { ...process.env, LEDE_DB: database.url } : process.env;
  let child = null;
  // What a run leaves (its process, folder and database) removed: at stop,
  // and when the server did not start.
  const discard = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    database?.drop();
  };
  let port;
  try {
    if (prepare) {
      await prepare(dataDir, (args, input = '') =>
        execFileSync(binary, [...args, '--data', dataDir], { input, encoding: 'utf8', env }));
    }
    child = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir,
      '--access-log', 'off', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    port = await new Promise((resolve, reject) => {
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
    // The store this run is on: a site on PostgreSQL has no SQLite file.
    if (existsSync(join(dataDir, 'lede.db')) === Boolean(database)) {
      throw new Error(`the site is not on the store LEDE_TEST_STORE names (${database ? 'postgres' : 'sqlite'})`);
    }
  } catch (error) {
    discard();
    throw error;
  }
  return {
    base: `http://127.0.0.1:${port}`,
    dataDir,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15000))]);
      discard();
    },
  };
}

let databasesCreated = 0;

// On PostgreSQL: a new database on the test server (psql, from Debian's
// postgresql package), and how to drop it; null on SQLite.
function createDatabase() {
  if (process.env.LEDE_TEST_STORE !== 'postgres') return null;
  const server = process.env.LEDE_TEST_POSTGRES;
  if (!server) throw new Error('LEDE_TEST_STORE=postgres needs LEDE_TEST_POSTGRES (./dev test all sets both)');
  const name = `lede_browser_${process.pid}_${++databasesCreated}`;
  const psql = (sql) => execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', server, '-c', sql],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  psql(`CREATE DATABASE ${name}`);
  // The same server and user, the new database in the URL's path.
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// The flags ../shared/VALIDATORS.md gives: Chromium must never reach beyond
// loopback.
export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];
