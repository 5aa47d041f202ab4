// Starts the planning thread from TypeScript sources (jest runs the service without a build):
// registers a tiny transpiling loader, then imports the thread's entry.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

register(new URL('./ts-thread-hooks.mjs', import.meta.url));
await import(workerData.entry);
