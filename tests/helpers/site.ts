// A site of its own for a spec: the build under test (E2E_DIST or dist/) mirrored into a
// temporary directory (links to its files; copies of those the spec will change) plus files
// written for the spec, served by tests/serve.mjs on a free port. For files too large to pass
// through page.route (a download of tens of megabytes, served over real HTTP as a host would)
// and for a build whose files change between two visits (a new release).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export class Site {
  private constructor(
    /** The mirror's directory. */
    readonly dir: string,
    /** Its root URL, with a trailing slash. */
    readonly root: string,
    private readonly server: ChildProcess,
  ) {}

  /** Mirrors the build, with `copies` (paths in it) copied rather than linked, and serves it
   * under `base` (a sub-path such as `/dyad/`, as tests/serve.mjs serves one). */
  static async start(copies: string[] = [], base = '/'): Promise<Site> {
    const dist = resolve(process.env.E2E_DIST || 'dist');
    const dir = mkdtempSync(join(tmpdir(), 'dyad-site-'));
    const mirror = (from: string, to: string, rel: string) => {
      mkdirSync(to, { recursive: true });
      for (const entry of readdirSync(from, { withFileTypes: true })) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) mirror(join(from, entry.name), join(to, entry.name), path);
        else if (copies.includes(path)) copyFileSync(join(from, entry.name), join(to, entry.name));
        else symlinkSync(join(from, entry.name), join(to, entry.name));
      }
    };
    mirror(dist, dir, '');
    const server = spawn(process.execPath, ['tests/serve.mjs', dir, '0', base], { stdio: ['ignore', 'pipe', 'inherit'] });
    const root = await new Promise<string>((ok, fail) => {
      server.stdout!.on('data', (b: Buffer) => {
        const m = /at (http:\S+)/.exec(b.toString());
        if (m) ok(m[1]);
      });
      server.on('exit', (code) => fail(new Error(`serve.mjs exited (${code})`)));
    });
    return new Site(dir, root, server);
  }

  /** Writes a file of the site (a path relative to its root). */
  write(path: string, body: string | Buffer) {
    const to = join(this.dir, path);
    mkdirSync(dirname(to), { recursive: true });
    rmSync(to, { force: true });
    writeFileSync(to, body);
  }

  /** Stops the server and removes the mirror. */
  stop() {
    this.server.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
