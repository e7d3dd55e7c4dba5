import type { CredentialsAuthDefinition } from '../config/schema';
import { ActionFailure } from '../failures/action-failure';
import { FailureType } from '../failures/failure-types';
import { buildRequest } from '../http/build-request';
import type { FetchedToken } from './auth-token';
import { requestToken, type TokenFetchContext } from './token-request';

const NO_INPUT = { query: {}, params: {}, body: {}, headers: {} };

/**
 * Logs in with a credentials auth: runs its login action (an action of the same app, whose
 * definition sends the credentials, typically as `$Auth{tag}{username}` and `$Auth{tag}{password}`)
 * and reads the token and its lifetime from the response.
 *
 * @throws ActionFailure of type InvalidConfiguration when the login action does not exist, or the
 * errors of {@link requestToken}.
 */
export async function loginWithCredentials(
  auth: CredentialsAuthDefinition,
  context: TokenFetchContext,
): Promise<FetchedToken> {
  const run = context.placeholders.resolved;
  const loginAction = run.app.actions.find((action) => action.tag === auth.login_action);
  if (loginAction === undefined) {
    throw new ActionFailure(
      FailureType.InvalidConfiguration,
      `Auth '${auth.tag}' logs in with action '${auth.login_action}', which app '${run.app.tag}' does not define: set login_action to one of its actions.`,
    );
  }

  const resolved = { ...run, action: loginAction };
  const httpRequest = await buildRequest(NO_INPUT, resolved, { ...context.placeholders, resolved });
  const fetched = await requestToken(
    httpRequest,
    `Login action '${loginAction.tag}' of auth '${auth.tag}'`,
    { tokenPath: auth.token_path, expiresInPath: auth.expires_in_path },
    context,
  );

  if (fetched.expiresInMs === undefined && auth.token_ttl_ms !== undefined) {
    return { ...fetched, expiresInMs: auth.token_ttl_ms };
  }
  return fetched;
}
