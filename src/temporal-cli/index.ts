export { TemporalCliBuildError, TemporalCliNotFoundError, TemporalCliPathError } from './errors';
export type { EnsureTemporalCliOptions, TemporalCliLocation, TemporalCliSource } from './provision';
export { ensureTemporalCli, resolveTemporalCli } from './provision';
export { TEMPORAL_CLI_VERSION } from './version';
