import { AppError } from '../../platform/errors.ts';

/** A walk option out of range (steps, limit, early stopping, restart, bias, topics, lanes). */
export const invalidWalkOption = (message: string) => new AppError('INVALID_PARAMETERS', message);
