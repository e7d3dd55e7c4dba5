import { ensureTemporalCli } from '../src/temporal-cli';

/**
 * Provisions the pinned Temporal CLI once, before any integration test file starts. A first build
 * with Go takes minutes, far beyond a hook timeout, and here it runs outside the test timeouts. Later
 * calls to `ensureTemporalCli()` in test files find the binary in `.tools` at once.
 */
export default async function setup(): Promise<void> {
  await ensureTemporalCli();
}
