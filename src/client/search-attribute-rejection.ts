import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { ductapeSearchAttributeKeys } from '../search-attributes';

// gRPC status INVALID_ARGUMENT, which the frontend returns for a start that names an unregistered
// search attribute.
const GRPC_INVALID_ARGUMENT = 3;

/**
 * Tells whether a failed start or list was rejected because the namespace lacks a search attribute.
 * Temporal Server 1.29 returns INVALID_ARGUMENT with `Namespace default has no mapping defined for
 * search attribute DuctapeProduct` for a start, and `column name 'DuctapeProduct' is not a valid
 * search attribute` for a list filter. Any INVALID_ARGUMENT that mentions a search attribute counts.
 */
export function isUnregisteredSearchAttributeError(error: unknown): boolean {
  const cause = error instanceof ServiceError ? error.cause : error;
  if (!isGrpcServiceError(cause) || cause.code !== GRPC_INVALID_ARGUMENT) return false;
  return /search attribute/i.test(cause.details);
}

/**
 * Returns the command that registers the Ductape search attributes in a namespace of a self-hosted
 * cluster, for messages and docs. Each `--name` gets its own `--type`: Temporal CLI 1.5.1 given one
 * `--type` for four names registered only the first of them. Attributes that exist already are kept.
 */
export function registerSearchAttributesCommand(namespace: string): string {
  const pairs = ductapeSearchAttributeKeys.map((key) => `--name ${key.name} --type Keyword`).join(' ');
  return `temporal operator search-attribute create --namespace ${namespace} ${pairs}`;
}

/** Warning logged once per client when the namespace rejects the Ductape search attributes. */
export function unregisteredSearchAttributesWarning(namespace: string): string {
  const names = ductapeSearchAttributeKeys.map((key) => key.name);
  const list = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return (
    `Namespace '${namespace}' lacks at least one of the search attributes ${list}, so action runs start ` +
    'without them and cannot be filtered by product, app, event or environment in the Web UI or with ' +
    `\`ductape-temporal runs\`. Register them once with: ${registerSearchAttributesCommand(namespace)} ` +
    '(on Temporal Cloud, add them as Keyword attributes with `tcld namespace search-attributes add`).'
  );
}
