import { executeAction } from '../../workflows/api';
import { type Charge, type Message, type ProductScope, scopeOf, type User } from './example-api';

/** Input of {@link signUpAndChargeWorkflow}. */
export interface SignUpAndChargeInput extends ProductScope {
  readonly userId: string;
  readonly email: string;
  /** Amount in cents. */
  readonly amount: number;
}

/**
 * Sequence: signs a user up, charges them and emails the receipt, each step taking what it needs from
 * the previous step's result. A failed step fails the workflow with that step's failure type, and the
 * earlier steps stay done; see `checkoutWorkflow` for undoing them.
 */
export async function signUpAndChargeWorkflow(
  order: SignUpAndChargeInput,
): Promise<{ user: User; charge: Charge; receipt: Message }> {
  const scope = scopeOf(order);

  const user = await executeAction<User>({
    ...scope,
    app: 'payments',
    event: 'user.signup',
    input: { query: { userId: order.userId }, body: { email: order.email } },
    retries: 3,
  });
  const charge = await executeAction<Charge>({
    ...scope,
    app: 'payments',
    event: 'charge.create',
    input: { params: { userId: user.userId }, body: { amount: order.amount } },
    retries: 3,
  });
  const receipt = await executeAction<Message>(
    {
      ...scope,
      app: 'mailer',
      event: 'receipt.send',
      input: { body: { to: user.email, subject: `Receipt for ${charge.id}` } },
    },
    { retries: 2, summary: `Email the receipt for ${charge.id}` },
  );

  return { user, charge, receipt };
}
