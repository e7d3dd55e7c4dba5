import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import { formatInputProblems, type IActionProcessorInput, parseActionInput } from './schema';

/**
 * Validates an action input inside the worker.
 *
 * @throws ActionFailure of type InvalidInput that lists every problem by field path.
 */
export function requireValidInput(data: unknown): IActionProcessorInput {
  const parsed = parseActionInput(data);
  if (!parsed.ok) {
    throw new ActionFailure(FailureType.InvalidInput, formatInputProblems(parsed.problems), {
      problems: parsed.problems,
    });
  }
  return parsed.value;
}
