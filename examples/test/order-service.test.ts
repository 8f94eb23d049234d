// Invariant: markPaid notifies every listener once with the paid order.
import { OrderService } from '../src/orders/order-service.js';

const service = new OrderService();
let seen = 0;
service.onEvent(() => seen++);
service.markPaid({ id: 'o1', customerId: 'c1', totalCents: 100, status: 'pending' });
if (seen !== 1) throw new Error('expected one event');
