import type { ActionPlan } from '../activities/types';
import type { IActionProcessorInput } from '../src/input/schema';

/*
 * Texts that describe a run in the Web UI: the summary of each attempt and the run's current details
 * in Markdown. They are built from the input's tags, the plan and the step's settings, never from
 * resolved placeholders, so they cannot contain a secret.
 */

/** Progress of a step, for the status line of its details. */
export type StepStatus =
  | { readonly state: 'running'; readonly attempt: number }
  | {
      readonly state: 'retrying';
      readonly attempt: number;
      readonly failureType: string;
      readonly status?: number;
      readonly delayMs: number;
    }
  | { readonly state: 'succeeded'; readonly attempt: number }
  | {
      readonly state: 'failed';
      readonly attempt?: number;
      readonly failureType: string;
      readonly status?: number;
    };

/** Snapshot of an action step, reported before and after every attempt. */
export interface StepProgress {
  readonly input: IActionProcessorInput;
  /** The looked-up action, missing when the lookup failed. */
  readonly plan?: ActionPlan;
  /** Attempts the step may take: its retries plus one. */
  readonly maximumAttempts: number;
  /** HTTP timeout of each attempt, in milliseconds, once the plan is known. */
  readonly timeoutMs?: number;
  readonly status: StepStatus;
}

/** Adds the attempt number to a step's summary, such as `POST payments/user.signup (dev) · attempt 2 of 4`. */
export function attemptSummary(summary: string, attempt: number, maximumAttempts: number): string {
  return `${summary} · attempt ${attempt} of ${maximumAttempts}`;
}

/**
 * Formats Markdown details of a step: the request (method and URL), a status line, the timeout, retry
 * and backoff settings, and the action with its app and environments. Without a plan, because the
 * action could not be looked up, only the status and the input's tags are shown.
 */
export function runDetailsMarkdown(progress: StepProgress): string {
  const { input, plan, maximumAttempts } = progress;
  const retries = maximumAttempts - 1;
  const lines: string[] = [];

  // The Web UI shows about five lines without scrolling, so status, timeout and retries come first.
  // A plan replayed from a run started by an older worker has no URL, only the resource path.
  if (plan !== undefined) lines.push(`**${plan.method}** ${code(plan.url ?? plan.resource)}`, '');
  lines.push(`- **Status:** ${describeStatus(progress.status, maximumAttempts)}`);
  if (plan !== undefined) {
    lines.push(
      `- **Timeout:** ${formatDuration(progress.timeoutMs ?? plan.timeoutMs)} per attempt; ` +
        `**Retries:** ${retries}, so at most ${maximumAttempts} ${maximumAttempts === 1 ? 'attempt' : 'attempts'}`,
    );
    lines.push(
      `- **Backoff:** from ${formatDuration(plan.retry.initialIntervalMs)}, ×${plan.retry.backoffCoefficient}, ` +
        `up to ${formatDuration(plan.retry.maximumIntervalMs)}`,
    );
    lines.push(
      `- **Action:** ${code(input.event)} of app ${code(plan.appTag)} in environment ${code(plan.appEnvironment)} ` +
        `(access tag ${code(input.app)}, product ${code(input.product_tag)}, environment ${code(input.env)})`,
    );
  } else {
    lines.push(
      `- **Action:** ${code(input.event)} of access tag ${code(input.app)}, ` +
        `product ${code(input.product_tag)}, environment ${code(input.env)}`,
    );
  }
  return lines.join('\n');
}

function describeStatus(status: StepStatus, attempts: number): string {
  switch (status.state) {
    case 'running':
      return `attempt ${status.attempt} of ${attempts} running`;
    case 'retrying':
      return (
        `attempt ${status.attempt} of ${attempts} failed with ${code(status.failureType)}${httpStatus(status.status)}; ` +
        `attempt ${status.attempt + 1} starts in ${formatDuration(status.delayMs)}`
      );
    case 'succeeded':
      return `succeeded on attempt ${status.attempt} of ${attempts}`;
    case 'failed':
      return status.attempt === undefined
        ? `failed before the first attempt with ${code(status.failureType)}`
        : `failed on attempt ${status.attempt} of ${attempts} with ${code(status.failureType)}${httpStatus(status.status)}`;
  }
}

function httpStatus(status: number | undefined): string {
  return status === undefined ? '' : ` (HTTP ${status})`;
}

/** Formats milliseconds as `250 ms`, `1.5 s` or `2 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000 || ms % 60_000 !== 0) return `${Math.round(ms / 100) / 10} s`;
  return `${ms / 60_000} min`;
}

/** Formats text as a Markdown code span. Tags cannot contain backticks, and in a URL they become `%60`. */
function code(text: string): string {
  return `\`${text.replaceAll('`', '%60')}\``;
}
