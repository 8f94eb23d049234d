// Creates and updates orders; emits domain events that other modules subscribe to.
export interface Order {
  id: string;
  customerId: string;
  totalCents: number;
  status: 'pending' | 'paid' | 'shipped' | 'cancelled';
}

export type OrderEvent = { type: 'order.paid' | 'order.shipped'; order: Order };

export class OrderService {
  private readonly listeners: ((event: OrderEvent) => void)[] = [];

  onEvent(listener: (event: OrderEvent) => void): void {
    this.listeners.push(listener);
  }

  markPaid(order: Order): Order {
    const paid = { ...order, status: 'paid' as const };
    for (const listener of this.listeners) listener({ type: 'order.paid', order: paid });
    return paid;
  }
}
