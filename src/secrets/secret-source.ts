/**
 * Source of the values behind `$Secret{NAME}` placeholders. The worker reads secrets through it only
 * while an attempt runs, so a vault or a cloud secret manager can be plugged in by implementing it.
 */
export interface SecretSource {
  /** Returns the secret's value, or `undefined` when the source has no secret of that name. */
  get(name: string): string | undefined | Promise<string | undefined>;
}

/** Secret source that reads process environment variables: the default. */
export class EnvironmentSecretSource implements SecretSource {
  private readonly environment: NodeJS.ProcessEnv;

  constructor(environment: NodeJS.ProcessEnv = process.env) {
    this.environment = environment;
  }

  get(name: string): string | undefined {
    const value = this.environment[name];
    return value === '' ? undefined : value;
  }
}
