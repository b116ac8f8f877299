// Maps every thrown thing to Pinterest's {code, message} body. Client mistakes that Fastify detects
// itself (bad JSON, schema violations, oversized bodies) become 400/1 as the API contract requires;
// anything unexpected is logged in full and answered with a body that leaks nothing.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERRORS } from './errors.ts';

function clientErrorFrom(error: FastifyError): AppError | undefined {
  if (error.validation) {
    const context = error.validationContext ? `${error.validationContext} ` : '';
    return new AppError('INVALID_PARAMETERS', `Invalid ${context}parameter: ${error.message}`);
  }
  const status = error.statusCode ?? 0;
  if (status < 400 || status >= 500) return undefined;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('INVALID_PARAMETERS', 'Request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', `Unsupported content type: ${error.message}`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('INVALID_PARAMETERS', 'Request body is empty but a JSON body was declared.');
    default:
      if (status === 404) return new AppError('ROUTE_NOT_FOUND');
      if (status === 405) return new AppError('METHOD_NOT_ALLOWED');
      if (status === 429) return new AppError('RATE_LIMITED');
      return new AppError('INVALID_PARAMETERS', `Invalid request: ${error.message}`);
  }
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = error instanceof AppError ? error : clientErrorFrom(error);
    if (appError) {
      if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(appError.status).headers(appError.headers).send(appError.toBody());
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: ERRORS.INTERNAL.code, message: ERRORS.INTERNAL.message });
  });

  app.setNotFoundHandler((_request, reply) => {
    const error = new AppError('ROUTE_NOT_FOUND');
    return reply.code(error.status).send(error.toBody());
  });
}
