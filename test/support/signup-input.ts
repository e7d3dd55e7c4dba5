/**
 * Input of the config fixture's `user.signup` action, with the token from `$Auth`: the run most
 * integration tests start, varied with spread syntax.
 */
export const SIGNUP_INPUT = {
  env: 'dev',
  product_tag: 'my-product',
  app: 'payments',
  event: 'user.signup',
  input: {
    query: { userId: '123' },
    body: { email: 'user@example.com' },
    headers: { Authorization: '$Auth{token_access}{token}' },
  },
};
