/**
 * Response types of the example API and the product scope that the example workflows run in. The
 * types state what the workflows expect; nothing checks them at run time.
 */

/** Product environment that every step of an example workflow runs in. */
export interface ProductScope {
  /** Product environment slug. @default 'dev' */
  readonly env?: string;
  /** @default 'my-product' */
  readonly product_tag?: string;
}

/** Returns `env` and `product_tag` of a step input, with the example's defaults. */
export function scopeOf(scope: ProductScope): { env: string; product_tag: string } {
  return { env: scope.env ?? 'dev', product_tag: scope.product_tag ?? 'my-product' };
}

/** A user, as `payments` `user.signup` returns it. */
export interface User {
  readonly id: string;
  readonly userId: string;
  readonly email: string;
  readonly plan: string;
}

/** A charge, as `payments` `charge.create` returns it. */
export interface Charge {
  readonly id: string;
  readonly userId: string;
  /** Amount in the currency's smallest unit, such as cents. */
  readonly amount: number;
  readonly currency: string;
  readonly status: string;
}

/** A queued email, as both mailers' `receipt.send` return it. */
export interface Message {
  readonly id: string;
  /** Which mailer accepted the message: `mailer` or `backup-mailer`. */
  readonly provider: string;
  readonly to: string;
  readonly status: string;
}
