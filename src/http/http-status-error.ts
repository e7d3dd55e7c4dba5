import type { HttpResponse } from './http-request';

/** A request sent on the way to the action's own, such as an auth login, whose failure fails the attempt. */
export interface SideRequest {
  /** Purpose of the request, such as `Login action 'auth.login' of auth 'session'`. */
  readonly purpose: string;
  readonly method: string;
  /** Request URL without its query string. */
  readonly url: string;
}

/** Error for a response whose status is not 2xx. `toApplicationFailure` classifies it. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  readonly response: HttpResponse;
  /** Set when the response belongs to a side request rather than the action's request. */
  readonly sideRequest?: SideRequest;

  constructor(response: HttpResponse, sideRequest?: SideRequest) {
    super(`The API answered HTTP ${response.status}`);
    this.response = response;
    if (sideRequest !== undefined) this.sideRequest = sideRequest;
  }
}
