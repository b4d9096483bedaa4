/** Types the client imports; nothing here runs in the browser. */
export type { AppRouter, RouterInputs, RouterOutputs } from './trpc/app-router.js';
