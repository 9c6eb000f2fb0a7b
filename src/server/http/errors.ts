// Errors a command or route can raise. The error handler turns them into
// { error: { code, message, fields? } } with a Chinese message; nothing else ever reaches a client.

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldError[]) => new AppError(400, 'BAD_REQUEST', message, fields);
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', '请先登录');
/** Used when the actor may see the object but not do this to it. */
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
/** Used when the actor may not even know the object exists. */
export const notFound = (message = '未找到该对象，或您无权访问') => new AppError(404, 'NOT_FOUND', message);
export const conflict = (message: string, code = 'CONFLICT') => new AppError(409, code, message);
export const tooManyRequests = (message = '操作过于频繁，请稍后再试') => new AppError(429, 'RATE_LIMITED', message);
