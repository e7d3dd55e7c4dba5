import type { ActionDefinition } from '../config/schema';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import type { RequestParts } from '../http/build-request';
import { pathParameterNames } from '../http/build-url';
import {
  formatInputProblems,
  type IActionRequest,
  type InputProblem,
  isFlatRequest,
  REQUEST_PARTS,
  type RequestPartName,
  splitPrefix,
} from './schema';

/**
 * Returns the request parts of a run's request. A structured request is returned as it is. A flat
 * request has each key routed by the action's definition: a `body:`, `params:`, `query:` or
 * `headers:` prefix routes the key to that part; otherwise the key goes to the one part that declares
 * it, in the action's `schema`, its default values, or (for params) its resource path. Header names
 * match regardless of case.
 *
 * @throws ActionFailure of type InvalidInput listing every key that fits no part, fits more than one,
 * or is given twice.
 */
export function routeRequest(request: IActionRequest, action: ActionDefinition): RequestParts {
  if (!isFlatRequest(request)) return request as RequestParts;

  const declared = declaredFields(action);
  const parts: Record<RequestPartName, Record<string, unknown>> = {
    query: {},
    params: {},
    body: {},
    headers: {},
  };
  const problems: InputProblem[] = [];

  for (const [key, value] of Object.entries(request)) {
    const path = `input.${key}`;
    const prefixed = splitPrefix(key);
    const candidates =
      prefixed === undefined
        ? REQUEST_PARTS.filter((part) => declares(declared[part], part, key))
        : [prefixed.part];
    const field = prefixed?.field ?? key;

    if (candidates.length === 0) {
      problems.push({ path, message: noPartMessage(key, action, declared) });
      continue;
    }
    if (candidates.length > 1) {
      const options = candidates.map((part) => `'${part}:${key}'`).join(' or ');
      problems.push({
        path,
        message: `'${key}' is declared in ${candidates.join(' and ')} of action '${action.tag}': write ${options}`,
      });
      continue;
    }

    const part = candidates[0]!;
    if (Object.hasOwn(parts[part], field)) {
      problems.push({
        path,
        message: `${part}.${field} is given twice: keep one of '${field}' and '${part}:${field}'`,
      });
      continue;
    }
    parts[part][field] = part === 'headers' ? String(value) : value;
  }

  if (problems.length > 0) {
    throw new ActionFailure(FailureType.InvalidInput, formatInputProblems(problems), { problems });
  }
  return parts;
}

type DeclaredFields = Record<RequestPartName, ReadonlySet<string>>;

function declaredFields(action: ActionDefinition): DeclaredFields {
  const fields = (part: RequestPartName) =>
    new Set([...Object.keys(action.schema?.[part] ?? {}), ...Object.keys(action[part])]);
  const headers = new Set([...fields('headers')].map((name) => name.toLowerCase()));
  return {
    query: fields('query'),
    params: new Set([...fields('params'), ...pathParameterNames(action.resource)]),
    body: fields('body'),
    headers,
  };
}

function declares(fields: ReadonlySet<string>, part: RequestPartName, key: string): boolean {
  return fields.has(part === 'headers' ? key.toLowerCase() : key);
}

function noPartMessage(key: string, action: ActionDefinition, declared: DeclaredFields): string {
  const listed = REQUEST_PARTS.map((part) => {
    const names = [...declared[part]];
    return `${part}: ${names.length === 0 ? 'none' : names.join(', ')}`;
  }).join('; ');
  return `'${key}' fits no part of action '${action.tag}' (declared ${listed}): prefix it, as in 'body:${key}', to send it anyway`;
}
