import { type Dispatcher, request } from 'undici';

/** Name of the secret that contains the target API's token, in every scenario. */
export const TOKEN_SECRET_NAME = 'BENCH_API_TOKEN';

/** The request that every scenario sends, before the token is added. */
export interface SignupRequest {
  /** Target URL with its query string. */
  readonly url: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Builds the benchmark's request against the target server at `baseUrl`. */
export function signupRequest(baseUrl: string): SignupRequest {
  return { url: `${baseUrl}/v1/users/signup?userId=123`, body: { plan: 'free', email: 'user@example.com' } };
}

/**
 * Sends the request as a user would by hand with undici: bearer token, API version and JSON body, and
 * returns the parsed JSON response.
 *
 * @throws Error when the status is not 2xx.
 */
export async function sendSignup(
  signup: SignupRequest,
  token: string,
  dispatcher: Dispatcher,
): Promise<unknown> {
  const response = await request(signup.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'x-api-version': '2024-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify(signup.body),
    dispatcher,
  });
  if (response.statusCode < 200 || response.statusCode >= 300) {
    const text = await response.body.text();
    throw new Error(`The target server responded with status ${response.statusCode}: ${text.slice(0, 200)}`);
  }
  return response.body.json();
}
