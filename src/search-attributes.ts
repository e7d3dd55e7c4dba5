import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/*
 * Search attributes set on every action run so that runs can be filtered in the Temporal Web UI
 * and with list queries, for example `DuctapeProduct = "my-product" AND DuctapeEvent = "user.signup"`.
 * They are Keyword attributes because they hold exact identifiers that are matched, not searched as text.
 * A cluster must register them before a workflow uses them: the test harness, the dev server and
 * the `temporal-setup` service of docker-compose.yml each do.
 */

/** Product tag of the run (`product_tag` in the input). */
export const ductapeProductKey = defineSearchAttributeKey('DuctapeProduct', SearchAttributeType.KEYWORD);

/** Access tag of the app the action belongs to (`app` in the input). */
export const ductapeAppKey = defineSearchAttributeKey('DuctapeApp', SearchAttributeType.KEYWORD);

/** Action tag (`event` in the input). */
export const ductapeEventKey = defineSearchAttributeKey('DuctapeEvent', SearchAttributeType.KEYWORD);

/** Product environment slug (`env` in the input). */
export const ductapeEnvKey = defineSearchAttributeKey('DuctapeEnv', SearchAttributeType.KEYWORD);

/** All search attributes this project registers, for cluster set-up code. */
export const ductapeSearchAttributeKeys = [
  ductapeProductKey,
  ductapeAppKey,
  ductapeEventKey,
  ductapeEnvKey,
] as const;
