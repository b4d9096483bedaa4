import { z } from 'zod';
import { idSchema } from './users.schemas.js';

/** Art. 15 export of everything stored about one citizen. */
export const exportCitizenInput = z.object({ citizenId: idSchema });

/** Art. 17 erasure: irreversible, so the caller must confirm it explicitly. */
export const eraseCitizenInput = z.object({ citizenId: idSchema, confirm: z.literal(true) });
