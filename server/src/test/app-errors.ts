import { getErrorShape, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { AppErrorCode } from '@anliegen/shared';
import { expect } from 'vitest';
import { DomainError } from '../domain/domain-error.js';
import { appRouter } from '../trpc/app-router.js';
import { toTrpcError } from '../trpc/errors.js';

/**
 * The rejection of `promise` as tRPC answers it (a service's DomainError mapped as the procedures map it); fails the
 * test when it resolves or rejects with something else.
 */
export async function trpcErrorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error(`expected a TRPCError, but the call returned ${JSON.stringify(outcome.value)}`);
  if (outcome.error instanceof DomainError) return toTrpcError(outcome.error);
  if (!(outcome.error instanceof TRPCError)) throw outcome.error;
  return outcome.error;
}

/** The error as a client receives it (`error.data` etc.): shaped by the app's real error formatter. */
export function formattedError(error: TRPCError) {
  return getErrorShape({
    config: appRouter._def._config,
    error,
    type: 'unknown',
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
}

/** Asserts that `promise` fails with the tRPC code and the app code the client translates. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: TRPC_ERROR_CODE_KEY,
  appCode: AppErrorCode,
): Promise<TRPCError> {
  const error = await trpcErrorOf(promise);
  expect({ code: error.code, appCode: formattedError(error).data.appCode }).toEqual({ code, appCode });
  return error;
}
