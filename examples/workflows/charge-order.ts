import { executeActionChild } from '../../workflows/api';
import { type Charge, type Message, type ProductScope, scopeOf } from './example-api';

/** Input of {@link chargeOrderWorkflow}. */
export interface ChargeOrderInput extends ProductScope {
  readonly userId: string;
  readonly email: string;
  /** Amount in cents. */
  readonly amount: number;
}

/**
 * Child workflows: charges a user and emails the receipt, each action as its own
 * `processActionWorkflow` child, so each is a row of its own in the Web UI with its own attempts. The
 * children's IDs derive from this workflow's ID, such as `order-42/payments/charge.create`, so they
 * are the same on every replay and easy to find from the parent's ID.
 */
export async function chargeOrderWorkflow(
  order: ChargeOrderInput,
): Promise<{ charge: Charge; receipt: Message }> {
  const scope = scopeOf(order);

  const charge = await executeActionChild<Charge>({
    ...scope,
    app: 'payments',
    event: 'charge.create',
    input: { params: { userId: order.userId }, body: { amount: order.amount } },
    retries: 3,
  });
  const receipt = await executeActionChild<Message>(
    {
      ...scope,
      app: 'mailer',
      event: 'receipt.send',
      input: { body: { to: order.email, subject: `Receipt for ${charge.id}` } },
      retries: 3,
    },
    { key: charge.id },
  );

  return { charge, receipt };
}
