import { z } from 'zod';
import { idSchema } from './users.schemas.js';

/** Art. 15 export of everything stored about one citizen. */
export const exportCitizenInput = z.object({ citizenId: idSchema });

/** Art. 17 erasure: irreversible, so the caller must confirm it explicitly. */
export const eraseCitizenInput = z.object({ citizenId: idSchema, confirm: z.literal(true) });

/** How long a category's closed cases are kept, in whole days: at least a month, at most ten years. */
export const RETENTION_DAYS_MIN = 30;
export const RETENTION_DAYS_MAX = 3650;

/** A category's retention period; null = kept until erased on request. */
export const retentionDaysSchema = z
  .number({ message: 'retention.days' })
  .int({ message: 'retention.days' })
  .min(RETENTION_DAYS_MIN, { message: 'retention.days' })
  .max(RETENTION_DAYS_MAX, { message: 'retention.days' })
  .nullable();

export const setCategoryRetentionInput = z.object({ categoryId: idSchema, retentionDays: retentionDaysSchema });
export type SetCategoryRetentionInput = z.input<typeof setCategoryRetentionInput>;
