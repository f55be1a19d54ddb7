import { z } from 'zod';
import { errorCatalog, type ErrorCode } from '../../../shared/src/errors.js';

/** Schema of every error answer, declared on each route's error statuses so OpenAPI lists them. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
