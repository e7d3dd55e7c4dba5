/**
 * `TEMPORAL_CLI_PATH` is set but does not name an executable file. It is never ignored, because
 * an explicit setting that silently loses to another binary is harder to debug than an error.
 */
export class TemporalCliPathError extends Error {
  override readonly name = 'TemporalCliPathError';
  /** Stable error code for callers that match on it. */
  readonly code = 'TemporalCliPathInvalid';
  /** Absolute path that `TEMPORAL_CLI_PATH` resolved to. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(
      `TEMPORAL_CLI_PATH is set to ${path}, but ${problem}. Point it at a Temporal CLI binary or unset it.`,
    );
    this.path = path;
  }
}

/**
 * No Temporal CLI binary was found and none can be built, because Go is missing or too old, or
 * building was turned off. Callers that may download a server some other way catch this error by
 * its `code`.
 */
export class TemporalCliNotFoundError extends Error {
  override readonly name = 'TemporalCliNotFoundError';
  /** Stable error code for callers that match on it. */
  readonly code = 'TemporalCliNotFound';
}

/** `go install` of the Temporal CLI failed or produced no binary. */
export class TemporalCliBuildError extends Error {
  override readonly name = 'TemporalCliBuildError';
  /** Stable error code for callers that match on it. */
  readonly code = 'TemporalCliBuildFailed';
  /** Last lines that `go install` wrote to stderr, for the report. */
  readonly outputTail: string;

  constructor(message: string, outputTail: string, cause?: unknown) {
    super(
      outputTail === '' ? message : `${message}\n${outputTail}`,
      cause === undefined ? undefined : { cause },
    );
    this.outputTail = outputTail;
  }
}
