import type { HttpResponse } from './http-request';

/** Error for a response whose status is not 2xx. `toApplicationFailure` classifies it. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  readonly response: HttpResponse;

  constructor(response: HttpResponse) {
    super(`The API answered HTTP ${response.status}`);
    this.response = response;
  }
}
