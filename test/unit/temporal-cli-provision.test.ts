import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type EnsureTemporalCliOptions,
  ensureTemporalCli,
  resolveTemporalCli,
  TemporalCliBuildError,
  TemporalCliNotFoundError,
  TemporalCliPathError,
} from '../../src/temporal-cli';
import { readTemporalCliVersion } from '../../src/temporal-cli/executable';

// These tests exercise only the lookup order, locking and error reporting. The executables are
// shell scripts that print a version line, and none of them replaces a Temporal server.

let root: string;
let logLines: string[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'temporal-cli-provision-'));
  logLines = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function paths() {
  return {
    tools: join(root, 'repo', '.tools', 'temporal'),
    cache: join(root, 'cache', 'ductape-temporal', 'temporal-v1.5.1', 'temporal'),
    pathDir: join(root, 'bin'),
    goDir: join(root, 'go', 'bin'),
    goLog: join(root, 'go-invocations.log'),
  };
}

/** Options that confine every lookup to the temporary folder. */
function isolatedOptions(
  overrides: { env?: NodeJS.ProcessEnv; goLocations?: readonly string[] | false } = {},
) {
  const { pathDir, goDir, goLog } = paths();
  return {
    toolsDir: join(root, 'repo', '.tools'),
    env: {
      HOME: join(root, 'home'),
      XDG_CACHE_HOME: join(root, 'cache'),
      PATH: [pathDir, goDir].join(':'),
      FAKE_GO_LOG: goLog,
      ...overrides.env,
    },
    goLocations: overrides.goLocations ?? false,
    log: (message: string) => logLines.push(message),
  } satisfies EnsureTemporalCliOptions;
}

async function writeScript(path: string, body: string, mode = 0o755): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, mode);
  return path;
}

function writeFakeCli(path: string, version: string, mode = 0o755): Promise<string> {
  return writeScript(path, `echo "temporal version ${version} (Server 1.29.1, UI 2.42.1)"`, mode);
}

/**
 * Writes a `go` script that prints `goVersion` for `go env GOVERSION`, logs each `go install` to FAKE_GO_LOG and
 * writes a fake CLI into GOBIN, or fails with `failure` on stderr. Commands use absolute paths
 * because the tests restrict PATH to the temporary folder.
 */
function writeFakeGo(goVersion = 'go1.26.0', failure?: string): Promise<string> {
  const install =
    failure === undefined
      ? [
          `printf '#!/bin/sh\\necho "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)"\\n' > "$GOBIN/temporal"`,
          '/bin/chmod +x "$GOBIN/temporal"',
        ]
      : [`echo "go: ${failure}" >&2`, 'exit 1'];
  return writeScript(
    join(paths().goDir, 'go'),
    [
      `if [ "$1" = env ]; then echo ${goVersion}; exit 0; fi`,
      'printf "%s\\n" "$*" >> "$FAKE_GO_LOG"',
      '/bin/sleep 0.3',
      ...install,
    ].join('\n'),
  );
}

async function readGoInvocations(): Promise<string[]> {
  try {
    return (await readFile(paths().goLog, 'utf8')).trim().split('\n');
  } catch {
    return [];
  }
}

describe('TEMPORAL_CLI_PATH', () => {
  it('wins over every other location', async () => {
    const configured = await writeFakeCli(join(root, 'custom', 'temporal'), '1.5.1');
    await writeFakeCli(paths().tools, '1.5.1');
    await writeFakeCli(paths().cache, '1.5.1');

    const location = await resolveTemporalCli(isolatedOptions({ env: { TEMPORAL_CLI_PATH: configured } }));

    expect(location).toEqual({ path: configured, source: 'env' });
  });

  it('rejects a path with no file', async () => {
    const missing = join(root, 'nowhere', 'temporal');

    const result = ensureTemporalCli(isolatedOptions({ env: { TEMPORAL_CLI_PATH: missing } }));

    await expect(result).rejects.toBeInstanceOf(TemporalCliPathError);
    await expect(result).rejects.toThrow(`TEMPORAL_CLI_PATH is set to ${missing}, but no file exists there`);
  });

  it('rejects a file without execute permission', async () => {
    const configured = await writeFakeCli(join(root, 'custom', 'temporal'), '1.5.1', 0o644);

    const result = ensureTemporalCli(isolatedOptions({ env: { TEMPORAL_CLI_PATH: configured } }));

    await expect(result).rejects.toBeInstanceOf(TemporalCliPathError);
    await expect(result).rejects.toThrow(`it is not executable (run chmod +x ${configured})`);
  });

  it('rejects a folder', async () => {
    const folder = join(root, 'custom');
    await mkdir(folder);

    const result = ensureTemporalCli(isolatedOptions({ env: { TEMPORAL_CLI_PATH: folder } }));

    await expect(result).rejects.toThrow('it is not a regular file');
  });

  it('accepts another version with a warning', async () => {
    const configured = await writeFakeCli(join(root, 'custom', 'temporal'), '9.9.9');

    const path = await ensureTemporalCli(isolatedOptions({ env: { TEMPORAL_CLI_PATH: configured } }));

    expect(path).toBe(configured);
    expect(logLines.join('\n')).toContain('reporting version 9.9.9');
  });
});

describe('lookup without TEMPORAL_CLI_PATH', () => {
  it('prefers the tools copy over the cache', async () => {
    await writeFakeCli(paths().tools, '1.5.1');
    await writeFakeCli(paths().cache, '1.5.1');

    const location = await resolveTemporalCli(isolatedOptions());

    expect(location).toEqual({ path: paths().tools, source: 'tools' });
  });

  it('links the cache copy into the tools folder', async () => {
    await writeFakeCli(paths().cache, '1.5.1');

    const location = await resolveTemporalCli(isolatedOptions());

    expect(location).toEqual({ path: paths().tools, source: 'cache' });
    expect((await stat(paths().tools)).ino).toBe((await stat(paths().cache)).ino);
  });

  it('replaces a tools copy of another version', async () => {
    await writeFakeCli(paths().tools, '1.4.0');
    await writeFakeCli(paths().cache, '1.5.1');

    const location = await resolveTemporalCli(isolatedOptions());

    expect(location.source).toBe('cache');
    expect(await readTemporalCliVersion(paths().tools)).toBe('1.5.1');
  });

  it('reads the cache under HOME when XDG_CACHE_HOME is unset', async () => {
    const homeCache = join(root, 'home', '.cache', 'ductape-temporal', 'temporal-v1.5.1', 'temporal');
    await writeFakeCli(homeCache, '1.5.1');

    const location = await resolveTemporalCli(isolatedOptions({ env: { XDG_CACHE_HOME: undefined } }));

    expect(location.source).toBe('cache');
  });

  it('uses temporal on PATH when it is the pinned version', async () => {
    const onPath = await writeFakeCli(join(paths().pathDir, 'temporal'), '1.5.1');

    const location = await resolveTemporalCli(isolatedOptions());

    expect(location).toEqual({ path: onPath, source: 'path' });
  });

  it('skips temporal on PATH of another version', async () => {
    const onPath = await writeFakeCli(join(paths().pathDir, 'temporal'), '1.3.0');

    const result = resolveTemporalCli(isolatedOptions());

    await expect(result).rejects.toBeInstanceOf(TemporalCliNotFoundError);
    expect(logLines.join('\n')).toContain(`Ignoring ${onPath}: its version is 1.3.0`);
  });
});

describe('no binary and no usable Go', () => {
  it('names what to install', async () => {
    const result = resolveTemporalCli(isolatedOptions({ goLocations: [join(root, 'missing-go')] }));

    await expect(result).rejects.toMatchObject({ code: 'TemporalCliNotFound' });
    await expect(result).rejects.toThrow('Install Go 1.21 or newer from https://go.dev/dl/');
    await expect(result).rejects.toThrow('Or set TEMPORAL_CLI_PATH to a Temporal CLI 1.5.1 binary.');
  });

  it('rejects Go older than 1.21', async () => {
    await writeFakeGo('go1.19.8');

    const result = resolveTemporalCli(isolatedOptions({ goLocations: [] }));

    await expect(result).rejects.toBeInstanceOf(TemporalCliNotFoundError);
    await expect(result).rejects.toThrow('is go1.19.8, too old to build it');
    expect(await readGoInvocations()).toEqual([]);
  });
});

describe('build with Go', () => {
  it('installs the pinned package with the version stamped', async () => {
    await writeFakeGo();

    const location = await resolveTemporalCli(isolatedOptions({ goLocations: [] }));

    expect(location).toEqual({ path: paths().tools, source: 'built' });
    expect(await readGoInvocations()).toEqual([
      'install -ldflags -X github.com/temporalio/cli/temporalcli.Version=1.5.1 github.com/temporalio/cli/cmd/temporal@v1.5.1',
    ]);
    expect(await readTemporalCliVersion(paths().cache)).toBe('1.5.1');
    expect(await readTemporalCliVersion(paths().tools)).toBe('1.5.1');
  });

  it('leaves no lock or build folder behind', async () => {
    await writeFakeGo();

    await resolveTemporalCli(isolatedOptions({ goLocations: [] }));

    expect(await readdir(dirname(paths().cache))).toEqual(['temporal']);
  });

  it('builds once for concurrent callers', async () => {
    await writeFakeGo();

    const locations = await Promise.all([
      resolveTemporalCli(isolatedOptions({ goLocations: [] })),
      resolveTemporalCli(isolatedOptions({ goLocations: [] })),
    ]);

    expect(locations.map((location) => location.path)).toEqual([paths().tools, paths().tools]);
    expect(await readGoInvocations()).toHaveLength(1);
  });

  it('takes over a lock left by a dead process', async () => {
    await writeFakeGo();
    const exited = spawnSync(process.execPath, ['-e', '']);
    await mkdir(dirname(paths().cache), { recursive: true });
    await writeFile(`${paths().cache}.lock`, String(exited.pid));

    const location = await resolveTemporalCli(isolatedOptions({ goLocations: [] }));

    expect(location.source).toBe('built');
  });

  it('reports go install output on failure', async () => {
    await writeFakeGo('go1.26.0', 'module lookup disabled by GOPROXY=off');

    const result = resolveTemporalCli(isolatedOptions({ goLocations: [] }));

    await expect(result).rejects.toBeInstanceOf(TemporalCliBuildError);
    await expect(result).rejects.toThrow('go: module lookup disabled by GOPROXY=off');
    expect(await readdir(dirname(paths().cache))).toEqual([]);
  });
});
