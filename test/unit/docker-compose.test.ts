import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ductapeSearchAttributeKeys } from '../../src/search-attributes';

// No container engine runs in CI, so these tests check the topology of docker-compose.yml and the
// Dockerfile statically.

const repoRoot = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  entrypoint?: string[];
  command?: string[];
}

const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (found === undefined) {
    throw new Error(`docker-compose.yml has no service ${name}`);
  }
  return found;
}

/** Image tags must name a release of at least major.minor, so `latest` and bare majors fail. */
const PINNED_TAG = /:\d+\.\d+[\w.-]*$/;

describe('docker-compose services', () => {
  it('has the expected services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['postgresql', 'temporal', 'temporal-schema', 'temporal-setup', 'temporal-ui', 'worker'].sort(),
    );
  });

  it('pins every image to a release', () => {
    for (const [name, definition] of Object.entries(compose.services)) {
      if (definition.image === undefined) {
        continue;
      }
      expect(definition.image, name).toMatch(PINNED_TAG);
      expect(definition.image, name).not.toContain('latest');
    }
  });

  it('uses PostgreSQL 16 and Temporal Server 1.29', () => {
    expect(service('postgresql').image).toMatch(/^postgres:16\./);
    expect(service('temporal').image).toMatch(/^temporalio\/server:1\.29\.\d+$/);
    expect(service('temporal-schema').image).toMatch(/^temporalio\/admin-tools:1\.29\./);
    expect(service('temporal-setup').image).toBe(service('temporal-schema').image);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
  });
});

describe('docker-compose start-up order', () => {
  const expectedDependencies: [string, string, string][] = [
    ['temporal-schema', 'postgresql', 'service_healthy'],
    ['temporal', 'temporal-schema', 'service_completed_successfully'],
    ['temporal-setup', 'temporal', 'service_healthy'],
    ['temporal-ui', 'temporal', 'service_healthy'],
    ['worker', 'temporal-setup', 'service_completed_successfully'],
  ];

  it.each(expectedDependencies)('starts %s after %s is %s', (dependent, dependency, condition) => {
    expect(service(dependent).depends_on?.[dependency]?.condition).toBe(condition);
  });

  it('gives waited-on services a health check', () => {
    expect(service('postgresql').healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(service('temporal').healthcheck?.test).toBeDefined();
  });
});

describe('docker-compose ports', () => {
  it('publishes the frontend and Web UI on loopback only', () => {
    expect(service('temporal').ports).toEqual(['127.0.0.1:7233:7233']);
    expect(service('temporal-ui').ports).toEqual(['127.0.0.1:8080:8080']);
  });

  it('keeps PostgreSQL and the worker unpublished', () => {
    expect(service('postgresql').ports).toBeUndefined();
    expect(service('worker').ports).toBeUndefined();
  });
});

describe('docker-compose Temporal setup', () => {
  it('points the server at PostgreSQL', () => {
    const environment = service('temporal').environment ?? {};

    expect(environment.DB).toBe('postgres12');
    expect(environment.POSTGRES_SEEDS).toBe('postgresql');
  });

  it('creates both databases', () => {
    const script = service('temporal-schema').command?.join('\n') ?? '';

    expect(script).toContain('temporal temporal_visibility');
    expect(script).toContain('/etc/temporal/schema/postgresql/v12/temporal/versioned');
    expect(script).toContain('/etc/temporal/schema/postgresql/v12/visibility/versioned');
  });

  it('registers each Ductape search attribute as Keyword', () => {
    const script = service('temporal-setup').command?.join('\n') ?? '';
    const registered = /for name in ([\w ]+); do/.exec(script)?.[1]?.split(' ');

    expect(registered).toEqual(ductapeSearchAttributeKeys.map((key) => key.name));
    expect(script).toContain('temporal operator search-attribute create');
    expect(script).toContain('--type Keyword');
  });

  it('sets up the namespace the worker uses', () => {
    expect(service('temporal-setup').environment?.TEMPORAL_NAMESPACE).toBe(
      service('worker').environment?.TEMPORAL_NAMESPACE,
    );
  });
});

describe('docker-compose worker', () => {
  it('receives the settings it reads', () => {
    const environment = service('worker').environment ?? {};

    expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(environment.TEMPORAL_NAMESPACE).toBeDefined();
    expect(environment.DUCTAPE_TASK_QUEUE).toBeDefined();
    expect(environment.DUCTAPE_CONFIG_DIR).toBe('/etc/ductape/config');
  });

  it('is built from the repository Dockerfile', () => {
    expect(service('worker').build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(existsSync(join(repoRoot, 'examples', 'config'))).toBe(true);
  });
});

describe('Dockerfile', () => {
  it('pins its base images to Node 20', () => {
    const baseImages = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);

    expect(baseImages.length).toBeGreaterThan(0);
    for (const image of baseImages) {
      expect(image).toMatch(/^node:20\.\d+/);
    }
  });

  it('builds and runs the worker command', () => {
    expect(dockerfile).toContain('RUN npm ci');
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toContain('COPY --from=build /app/dist ./dist');
    expect(dockerfile).toContain('CMD ["node", "dist/src/cli/main.js", "worker"]');
  });

  it('keeps local tools out of the build context', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');

    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.tools', '.git']));
  });
});
