import type { SearchAttributePair } from '@temporalio/common';
import type { IActionProcessorInput } from '../input/schema';
import { ductapeAppKey, ductapeEnvKey, ductapeEventKey, ductapeProductKey } from '../search-attributes';

/*
 * What the client attaches to a run at start so the Web UI can find and describe it. The client knows
 * the input only: the method, URL and timeout live in the worker's configuration, so the workflow adds
 * them to the run's current details once it has looked the action up. None of these values comes from
 * a resolved placeholder, so none can contain a secret.
 */

/** Search attributes of a run: product, app access tag, event and environment, as Keywords. */
export function runSearchAttributes(input: IActionProcessorInput): SearchAttributePair[] {
  return [
    { key: ductapeProductKey, value: input.product_tag },
    { key: ductapeAppKey, value: input.app },
    { key: ductapeEventKey, value: input.event },
    { key: ductapeEnvKey, value: input.env },
  ];
}

/** One-line summary of a run, such as `payments/user.signup (dev, my-product)`. */
export function runSummary(input: IActionProcessorInput): string {
  return `${input.app}/${input.event} (${input.env}, ${input.product_tag})`;
}

/** Markdown details of a run: what the caller asked for, and how many attempts it may take. */
export function runDetails(input: IActionProcessorInput): string {
  const retries = input.retries ?? 0;
  return [
    `- **Action:** \`${input.event}\` of access tag \`${input.app}\``,
    `- **Product:** \`${input.product_tag}\`, environment \`${input.env}\``,
    `- **Retries:** ${retries}, so at most ${retries + 1} ${retries === 0 ? 'attempt' : 'attempts'}`,
  ].join('\n');
}
