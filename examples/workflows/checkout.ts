import { type ActionProcessorInputInit, executeAction, Saga } from '../../workflows/api';
import { type Charge, type Message, type ProductScope, scopeOf, type User } from './example-api';

/** Input of {@link checkoutWorkflow}. */
export interface CheckoutInput extends ProductScope {
  readonly userId: string;
  readonly email: string;
  /** Amount in cents. */
  readonly amount: number;
}

/**
 * Saga: signs a user up, charges them and emails the receipt. When a step fails, the steps already
 * done are undone in reverse order (refund the charge, then delete the user), and the workflow fails
 * with the original step's failure. The example API rejects recipients at `bounce.example`, which
 * makes the receipt step fail.
 */
export async function checkoutWorkflow(order: CheckoutInput): Promise<Message> {
  const step = (app: string, event: string, input: ActionProcessorInputInit['input']) => ({
    ...scopeOf(order),
    app,
    event,
    input,
    retries: 3,
  });
  const saga = new Saga();
  try {
    const user = await executeAction<User>(
      step('payments', 'user.signup', { query: { userId: order.userId }, body: { email: order.email } }),
    );
    saga.addCompensation(() =>
      executeAction(step('payments', 'user.delete', { params: { userId: user.userId } })),
    );
    const charge = await executeAction<Charge>(
      step('payments', 'charge.create', { params: { userId: user.userId }, body: { amount: order.amount } }),
    );
    saga.addCompensation(() =>
      executeAction(step('payments', 'charge.refund', { params: { chargeId: charge.id } })),
    );
    return await executeAction<Message>(
      step('mailer', 'receipt.send', { body: { to: user.email, subject: `Receipt for ${charge.id}` } }),
    );
  } catch (error) {
    await saga.compensate();
    throw error;
  }
}
