import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..');
const biome = path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');

/** Lints one file at `relativePath` inside a scratch copy of the project's Biome configuration. */
async function lint(relativePath: string, source: string): Promise<{ ok: boolean; output: string }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ductape-lint-'));
  await copyFile(path.join(root, 'biome.json'), path.join(folder, 'biome.json'));
  await mkdir(path.dirname(path.join(folder, relativePath)), { recursive: true });
  await writeFile(path.join(folder, relativePath), source);

  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [biome, 'lint', relativePath], {
      cwd: folder,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('workflow import rule', () => {
  it('rejects Node built-ins in workflow code', async () => {
    const result = await lint(
      'workflows/probe.ts',
      "import http from 'node:http';\nexport const probe = http;\n",
    );

    expect(result.ok).toBe(false);
    expect(result.output).toContain('noNodejsModules');
  });

  it('rejects undici in workflow code', async () => {
    const result = await lint(
      'workflows/probe.ts',
      "import { request } from 'undici';\nexport const probe = request;\n",
    );

    expect(result.ok).toBe(false);
    expect(result.output).toContain('HTTP belongs in activities');
  });

  it('rejects activity implementations in workflow code', async () => {
    const source =
      "import { runActionAttempt } from '../activities/run-action';\nexport const probe = runActionAttempt;\n";
    const result = await lint('workflows/probe.ts', source);

    expect(result.ok).toBe(false);
    expect(result.output).toContain('activity types');
  });

  it('allows activity types and the input schema', async () => {
    const source = [
      "import type { ActionPlan } from '../activities/types';",
      "import { parseActionInput } from '../src/input/schema';",
      'export type Probe = ActionPlan;',
      'export const probe = parseActionInput;',
      '',
    ].join('\n');
    const result = await lint('workflows/probe.ts', source);

    expect(result.output).not.toContain('noRestrictedImports');
    expect(result.ok).toBe(true);
  });

  it('rejects Node built-ins in example workflows', async () => {
    const result = await lint(
      'examples/workflows/probe.ts',
      "import http from 'node:http';\nexport const probe = http;\n",
    );

    expect(result.ok).toBe(false);
    expect(result.output).toContain('noNodejsModules');
  });

  it('rejects undici in test workflows', async () => {
    const result = await lint(
      'test/fixtures/workflows/probe.ts',
      "import { request } from 'undici';\nexport const probe = request;\n",
    );

    expect(result.ok).toBe(false);
    expect(result.output).toContain('HTTP belongs in activities');
  });

  it('allows Node built-ins outside workflow code', async () => {
    const result = await lint(
      'activities/probe.ts',
      "import http from 'node:http';\nexport const probe = http;\n",
    );

    expect(result.ok).toBe(true);
  });
});
