import type { Transport } from '../../shared/api/client';
import type { Backend } from './backend';

/**
 * The typed client's transport to a backend in the same process (the CLI,
 * tests). Inputs and events are copied as IPC or HTTP would copy them, so
 * neither side can hold the other's objects.
 */
export function inProcessTransport(backend: Backend): Transport {
  return {
    invoke: (method, input) => backend.call(method, structuredClone(input)),
    subscribe: (listener) => backend.subscribe((event) => listener(structuredClone(event))),
  };
}
