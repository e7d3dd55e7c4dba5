import { describe, expect, it } from 'vitest';
import { Registry } from '../../../src/config/registry';
import { appSchema, productSchema } from '../../../src/config/schema';
import { ActionFailure } from '../../../src/failures/action-failure';
import { FailureType } from '../../../src/failures/failure-types';
import { REDACTED, Redactor } from '../../../src/placeholders/redactor';
import { type PlaceholderContext, type RequestPart, resolvePart } from '../../../src/placeholders/resolve';
import type { SecretSource } from '../../../src/secrets/secret-source';

const API_KEY = 'sk_live_4f9a2c71';
const WEBHOOK_KEY = 'whsec_0b3e55d8';

const payments = appSchema.parse({
  tag: 'payments-api',
  environments: [{ slug: 'sandbox', base_url: 'http://127.0.0.1:4010' }],
  auths: [
    { tag: 'token_access', type: 'token' },
    { tag: 'signing', type: 'token', fields: ['key'] },
    { tag: 'unset', type: 'token' },
  ],
  constants: {
    api_version: '2024-06-01',
    page_size: 50,
    sandbox: true,
    limits: { daily: 1000, currencies: ['usd', 'eur'] },
    ping: '$Constant{payments}{pong}',
    pong: '$Constant{payments}{ping}',
    versioned_path: 'v-$Constant{payments}{api_version}',
  },
  variables: { merchant_id: 'Merchant account', signing_key: 'Key that signs webhooks' },
  actions: [
    {
      tag: 'charge.create',
      method: 'POST',
      resource: '/v1/charges',
      headers: { 'X-Source': 'worker' },
      query: { expand: 'customer' },
      body: { currency: 'usd', amount: 100, note: 'default note', echo: 'again $Default', self: '$Default' },
      schema: {
        body: {
          currency: { type: 'string', default: 'eur' },
          capture: { type: 'boolean', default: false },
          description: { type: 'string' },
        },
        headers: { 'X-Idempotency': { type: 'string', default: 'idem-$Variable{payments}{merchant_id}' } },
      },
    },
  ],
});

const ledger = appSchema.parse({
  tag: 'ledger-api',
  environments: [{ slug: 'sandbox', base_url: 'http://127.0.0.1:4020' }],
  constants: { book: 'main' },
  actions: [{ tag: 'entry.create', method: 'POST', resource: '/entries' }],
});

const product = productSchema.parse({
  tag: 'my-product',
  environments: [{ slug: 'dev' }],
  apps: [
    {
      access_tag: 'payments',
      app: 'payments-api',
      envs: [
        {
          product_env: 'dev',
          app_env: 'sandbox',
          variables: {
            merchant_id: 'merchant-dev-001',
            retries: 3,
            signing_key: '$Secret{WEBHOOK_KEY}',
          },
          auths: {
            token_access: { token: 'Bearer $Secret{PAYMENTS_API_KEY}', account: { id: 'acct_77' } },
            signing: { key: '$Secret{WEBHOOK_KEY}', version: 2, broken: '$Secret{MISSING_KEY}-suffix' },
          },
        },
      ],
    },
    { access_tag: 'ledger', app: 'ledger-api', envs: [{ product_env: 'dev', app_env: 'sandbox' }] },
  ],
});

const registry = new Registry([payments, ledger], [product]);

function secretSource(values: Record<string, string>): SecretSource {
  return { get: (name) => values[name] };
}

function createContext(secrets: SecretSource = secretSource({ PAYMENTS_API_KEY: API_KEY, WEBHOOK_KEY })) {
  const resolved = registry.resolve({
    product_tag: 'my-product',
    app: 'payments',
    env: 'dev',
    event: 'charge.create',
  });
  const context: PlaceholderContext = { registry, resolved, secrets, redactor: new Redactor() };
  return context;
}

async function resolveOne(value: unknown, part: RequestPart = 'body', field = 'value'): Promise<unknown> {
  const resolved = await resolvePart(part, { [field]: value }, createContext());
  return resolved[field];
}

async function resolveFailure(
  value: unknown,
  part: RequestPart = 'body',
  field = 'value',
  context: PlaceholderContext = createContext(),
): Promise<ActionFailure> {
  const error = await resolvePart(part, { [field]: value }, context).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ActionFailure)) throw new Error(`expected an ActionFailure, got ${error}`);
  return error;
}

describe('resolvePart', () => {
  describe('$Secret', () => {
    it('resolves a secret from the secret source', async () => {
      expect(await resolveOne('$Secret{PAYMENTS_API_KEY}')).toBe(API_KEY);
    });

    it('awaits an asynchronous secret source', async () => {
      const context = createContext({
        get: async (name) => (name === 'VAULT_KEY' ? 'from-vault' : undefined),
      });

      const resolved = await resolvePart('headers', { 'X-Key': '$Secret{VAULT_KEY}' }, context);

      expect(resolved['X-Key']).toBe('from-vault');
    });

    it('marks the secret as sensitive', async () => {
      const context = createContext();

      await resolvePart('body', { key: '$Secret{PAYMENTS_API_KEY}' }, context);

      expect(context.redactor.redact(`key=${API_KEY}`)).toBe(`key=${REDACTED}`);
    });

    it('fails with UnresolvedPlaceholder for a missing secret', async () => {
      const failure = await resolveFailure('$Secret{NOT_SET}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain('Cannot resolve placeholder $Secret{NOT_SET}');
      expect(failure.message).toContain("secret 'NOT_SET' is not set");
    });

    it('fails for a secret without a name', async () => {
      const failure = await resolveFailure('$Secret{}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain('write it as $Secret{NAME}');
    });

    it('fails for a secret with two names', async () => {
      const failure = await resolveFailure('$Secret{A}{B}');

      expect(failure.message).toContain('Cannot resolve placeholder $Secret{A}{B}');
    });
  });

  describe('$Auth', () => {
    it('resolves an auth value that contains a secret', async () => {
      const resolved = await resolveOne('$Auth{token_access}{token}', 'headers', 'Authorization');

      expect(resolved).toBe(`Bearer ${API_KEY}`);
    });

    it('marks the secret and the whole auth value as sensitive', async () => {
      const context = createContext();

      await resolvePart('headers', { Authorization: '$Auth{token_access}{token}' }, context);

      expect(context.redactor.redact(`got Bearer ${API_KEY}`)).toBe(`got ${REDACTED}`);
      expect(context.redactor.redact(`token ${API_KEY}`)).toBe(`token ${REDACTED}`);
    });

    it('marks plain auth values as sensitive', async () => {
      const context = createContext();

      await resolvePart('body', { account: '$Auth{token_access}{account}{id}' }, context);

      expect(context.redactor.redact('account acct_77')).toBe(`account ${REDACTED}`);
    });

    it('reads a nested field by its path', async () => {
      expect(await resolveOne('$Auth{token_access}{account}{id}')).toBe('acct_77');
    });

    it('keeps the type of a numeric auth value', async () => {
      expect(await resolveOne('$Auth{signing}{version}')).toBe(2);
    });

    it('fails for an auth that the app does not define', async () => {
      const failure = await resolveFailure('$Auth{oauth}{token}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain("app 'payments-api' has no auth 'oauth'");
      expect(failure.message).toContain('its auths: token_access, signing, unset');
    });

    it('fails for an auth without data in the environment', async () => {
      const failure = await resolveFailure('$Auth{unset}{token}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain(
        "product 'my-product' sets no data for auth 'unset' in environment 'dev'",
      );
    });

    it('fails for a field the auth data does not have', async () => {
      const failure = await resolveFailure('$Auth{token_access}{refresh_token}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain("auth 'token_access' has no field 'refresh_token'");
    });

    it('fails for an auth without a field', async () => {
      const failure = await resolveFailure('$Auth{token_access}');

      expect(failure.message).toContain('write it as $Auth{auth_tag}{field}');
    });

    it('names the inner secret when it is missing', async () => {
      const failure = await resolveFailure('$Auth{signing}{broken}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain('$Secret{MISSING_KEY}');
    });
  });

  describe('$Variable', () => {
    it('resolves a variable of the product environment', async () => {
      expect(await resolveOne('$Variable{payments}{merchant_id}')).toBe('merchant-dev-001');
    });

    it('keeps the type of a numeric variable', async () => {
      expect(await resolveOne('$Variable{payments}{retries}')).toBe(3);
    });

    it('resolves a variable whose value is a secret', async () => {
      expect(await resolveOne('$Variable{payments}{signing_key}')).toBe(WEBHOOK_KEY);
    });

    it('fails for an unknown access tag', async () => {
      const failure = await resolveFailure('$Variable{crm}{merchant_id}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain("product 'my-product' has no app under access tag 'crm'");
    });

    it('fails for a variable that is not set', async () => {
      const failure = await resolveFailure('$Variable{payments}{region}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain(
        "variable 'region' is not set for access tag 'payments' in environment 'dev'",
      );
    });

    it('fails for a variable with one argument', async () => {
      const failure = await resolveFailure('$Variable{merchant_id}');

      expect(failure.message).toContain('write it as $Variable{access_tag}{key}');
    });
  });

  describe('$Constant', () => {
    it('resolves a constant of the app', async () => {
      expect(await resolveOne('$Constant{payments}{api_version}')).toBe('2024-06-01');
    });

    it('resolves a constant of another connected app', async () => {
      expect(await resolveOne('$Constant{ledger}{book}')).toBe('main');
    });

    it('resolves a constant that refers to another constant', async () => {
      expect(await resolveOne('$Constant{payments}{versioned_path}')).toBe('v-2024-06-01');
    });

    it('fails for an unknown constant', async () => {
      const failure = await resolveFailure('$Constant{payments}{region}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain("app 'payments-api' has no constant 'region'");
    });

    it('fails for an unknown access tag', async () => {
      const failure = await resolveFailure('$Constant{crm}{book}');

      expect(failure.message).toContain("product 'my-product' has no app under access tag 'crm'");
    });

    it('fails for a constant with three arguments', async () => {
      const failure = await resolveFailure('$Constant{payments}{limits}{daily}');

      expect(failure.message).toContain('write it as $Constant{access_tag}{key}');
    });
  });

  describe('$Default', () => {
    it('takes the schema default of the field', async () => {
      expect(await resolveOne('$Default', 'body', 'capture')).toBe(false);
    });

    it('takes the action default when the schema declares none', async () => {
      expect(await resolveOne('$Default', 'body', 'note')).toBe('default note');
    });

    it('prefers the schema default over the action default', async () => {
      expect(await resolveOne('$Default', 'body', 'currency')).toBe('eur');
    });

    it('looks up defaults of the request part it sits in', async () => {
      expect(await resolveOne('$Default', 'query', 'expand')).toBe('customer');
    });

    it('resolves placeholders inside a default', async () => {
      expect(await resolveOne('$Default', 'headers', 'X-Idempotency')).toBe('idem-merchant-dev-001');
    });

    it('applies to the top-level field of a nested value', async () => {
      expect(await resolveOne({ nested: ['$Default'] }, 'body', 'note')).toEqual({
        nested: ['default note'],
      });
    });

    it('fails for a field without a default', async () => {
      const failure = await resolveFailure('$Default', 'body', 'description');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain(
        "action 'charge.create' declares no default for body.description: add one to its body or schema",
      );
    });

    it('fails for a default that is itself $Default', async () => {
      const failure = await resolveFailure('$Default', 'body', 'self');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain('declares no default for body.self');
    });

    it('leaves a longer word that starts with $Default alone', async () => {
      expect(await resolveOne('$Defaults', 'body', 'description')).toBe('$Defaults');
    });
  });

  describe('types and interpolation', () => {
    it('keeps a number from a whole-string placeholder', async () => {
      expect(await resolveOne('$Constant{payments}{page_size}')).toBe(50);
    });

    it('keeps a boolean from a whole-string placeholder', async () => {
      expect(await resolveOne('$Constant{payments}{sandbox}')).toBe(true);
    });

    it('keeps an object from a whole-string placeholder', async () => {
      expect(await resolveOne('$Constant{payments}{limits}')).toEqual({
        daily: 1000,
        currencies: ['usd', 'eur'],
      });
    });

    it('interpolates a number into a longer string', async () => {
      expect(await resolveOne('size=$Constant{payments}{page_size}')).toBe('size=50');
    });

    it('interpolates an object as JSON', async () => {
      expect(await resolveOne('limits: $Constant{payments}{limits}')).toBe(
        'limits: {"daily":1000,"currencies":["usd","eur"]}',
      );
    });

    it('replaces several placeholders in one string', async () => {
      const resolved = await resolveOne(
        '$Variable{payments}{merchant_id}/$Constant{payments}{api_version}/end',
      );

      expect(resolved).toBe('merchant-dev-001/2024-06-01/end');
    });

    it('resolves placeholders in nested objects and arrays', async () => {
      const resolved = await resolveOne({
        merchant: { id: '$Variable{payments}{merchant_id}' },
        items: [{ version: '$Constant{payments}{api_version}' }, '$Constant{payments}{page_size}', 7],
      });

      expect(resolved).toEqual({
        merchant: { id: 'merchant-dev-001' },
        items: [{ version: '2024-06-01' }, 50, 7],
      });
    });

    it('leaves strings without placeholders unchanged', async () => {
      expect(await resolveOne('plain $ text {with} braces')).toBe('plain $ text {with} braces');
    });

    it('leaves numbers, booleans and null unchanged', async () => {
      const resolved = await resolvePart('body', { count: 3, flag: false, nothing: null }, createContext());

      expect(resolved).toEqual({ count: 3, flag: false, nothing: null });
    });

    it('leaves an unknown placeholder kind unchanged', async () => {
      expect(await resolveOne('$Env{HOME}')).toBe('$Env{HOME}');
    });
  });

  describe('depth limit', () => {
    it('fails for constants that refer to each other', async () => {
      const failure = await resolveFailure('$Constant{payments}{ping}');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain('placeholders nest deeper than 5 levels, or refer to themselves');
    });

    it('fails for a default that refers to itself inside a longer string', async () => {
      const failure = await resolveFailure('$Default', 'body', 'echo');

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).toContain('Cannot resolve placeholder $Default');
      expect(failure.message).toContain('nest deeper than 5 levels');
    });
  });

  describe('secrets in failures', () => {
    const failingValues: [string, string][] = [
      ['missing secret next to a resolved one', '$Secret{PAYMENTS_API_KEY} $Secret{NOT_SET}'],
      ['missing auth field after a resolved auth', '$Auth{token_access}{token} $Auth{token_access}{nope}'],
      ['auth value with a missing inner secret', '$Auth{signing}{key}:$Auth{signing}{broken}'],
      [
        'variable after a secret-backed variable',
        '$Variable{payments}{signing_key}$Variable{payments}{nope}',
      ],
    ];

    it.each(failingValues)('never puts a secret in the message: %s', async (_, value) => {
      const failure = await resolveFailure(value);

      expect(failure.type).toBe(FailureType.UnresolvedPlaceholder);
      expect(failure.message).not.toContain(API_KEY);
      expect(failure.message).not.toContain(WEBHOOK_KEY);
      expect(JSON.stringify(failure.details)).not.toContain(API_KEY);
      expect(JSON.stringify(failure.details)).not.toContain(WEBHOOK_KEY);
    });
  });
});
