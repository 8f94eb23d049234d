// The service's Prometheus registry and shared metrics.
import { Registry, Counter } from 'prom-client';

export const registry = new Registry();
export const ordersPaidTotal = new Counter({ name: 'orders_paid_total', help: 'Orders paid', registers: [registry] });
