/** One problem in the configuration folder: the file, the dotted key inside it and the rule it broke. */
export interface ConfigurationProblem {
  readonly file: string;
  readonly key: string;
  readonly message: string;
}

/**
 * Error thrown when the configuration folder cannot be loaded. It lists every problem found, so one
 * run of `ductape-temporal validate` shows all of them.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly problems: readonly ConfigurationProblem[];

  constructor(problems: readonly ConfigurationProblem[], options?: { cause?: unknown }) {
    super(formatProblems(problems), options);
    this.problems = problems;
  }
}

function formatProblems(problems: readonly ConfigurationProblem[]): string {
  const lines = problems.map((problem) => {
    const key = problem.key === '' ? '' : ` at '${problem.key}'`;
    return `  - ${problem.file}${key}: ${problem.message}`;
  });
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return `Invalid configuration (${count}):\n${lines.join('\n')}`;
}
