/** A request ready to send: placeholders resolved, URL built, body encoded. */
export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** A response whose body was read in full, up to the size limit. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** Returns the URL without its query string and fragment, the form used in errors and summaries. */
export function urlWithoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
