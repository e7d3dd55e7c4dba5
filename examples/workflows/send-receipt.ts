import { executeActionWithFallback } from '../../workflows/api';
import { type Message, type ProductScope, scopeOf } from './example-api';

/** Input of {@link sendReceiptWorkflow}. */
export interface SendReceiptInput extends ProductScope {
  readonly to: string;
  readonly chargeId: string;
}

/**
 * Fallback: emails a receipt through the first mailer, and through the backup mailer, with its own
 * request shape, when the first one is unavailable (5xx, timeout, connection failure or rate limit
 * after its retries). A rejected recipient (4xx) is not retried elsewhere. The example API's first
 * mailer is unavailable for recipients at `unavailable.example`.
 */
export async function sendReceiptWorkflow(receipt: SendReceiptInput): Promise<Message> {
  const scope = scopeOf(receipt);
  const subject = `Receipt for ${receipt.chargeId}`;

  return executeActionWithFallback<Message>([
    {
      ...scope,
      app: 'mailer',
      event: 'receipt.send',
      input: { body: { to: receipt.to, subject } },
      retries: 1,
    },
    {
      ...scope,
      app: 'backup-mailer',
      event: 'receipt.send',
      input: { body: { recipient: receipt.to, content: { subject, template: 'receipt' } } },
      retries: 2,
    },
  ]);
}
