/**
 * The platform's small error vocabulary. Services throw these; one handler (web/error-handler.ts)
 * turns each into an HTTP status, a French HTML page or the JSON error shape. Services never talk HTTP.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'rate_limited';

export const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per-field messages keyed by the field's path (e.g. "email", "members.0.role"). */
    readonly fields: Record<string, string> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const notFound = (message = 'Cette page n’existe pas ou vous n’y avez pas accès.') =>
  new AppError('not_found', message);
export const forbidden = (message = 'Vous n’avez pas les droits nécessaires pour cette action.') =>
  new AppError('forbidden', message);
export const invalid = (fields: Record<string, string>, message = 'Le formulaire contient des erreurs.') =>
  new AppError('validation', message, fields);
export const conflict = (message: string, fields: Record<string, string> = {}) =>
  new AppError('conflict', message, fields);
export const unauthenticated = (message = 'Connectez-vous pour accéder à cette page.') =>
  new AppError('unauthenticated', message);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 'Trop de demandes : réessayez dans quelques minutes.', {}, retryAfterSeconds);
