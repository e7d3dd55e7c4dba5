/**
 * Workflows of the example worker (`ductape-temporal dev`): `processActionWorkflow`, which clients
 * start, and one workflow for each way of composing actions.
 */
export { processActionWorkflow } from '../../workflows/api';
export { chargeManyWorkflow } from './charge-many';
export { chargeOrderWorkflow } from './charge-order';
export { checkoutWorkflow } from './checkout';
export { sendReceiptWorkflow } from './send-receipt';
export { signUpAndChargeWorkflow } from './sign-up-and-charge';
