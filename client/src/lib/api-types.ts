import type { RouterInputs, RouterOutputs } from '@anliegen/server';

export type { RouterInputs, RouterOutputs };
export type Me = NonNullable<RouterOutputs['auth']['me']>;
