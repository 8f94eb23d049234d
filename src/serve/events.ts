// The server-sent events hub of one app: the state publishes what changed, each open /api/v0/events stream hears it.

export interface ServeEvent {
  /** `spec-updated` (data: the feature's name) or `rules-updated` (data: the number of rule sources). */
  event: 'spec-updated' | 'rules-updated';
  data: string;
}

export type EventListener = (event: ServeEvent) => void;

export interface EventHub {
  publish(event: ServeEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
  /** Open subscriptions, for tests and logs. */
  size(): number;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => listeners.size,
  };
}
