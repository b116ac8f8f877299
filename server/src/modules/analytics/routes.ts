import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ERROR_RESPONSE, scopes, userScopes } from '../../platform/route-security.ts';
import {
  AccountAnalyticsQuery,
  AnalyticsResponse,
  BulkPinAnalyticsResponse,
  CoreMetricsQuery,
  CoreMetricsResponse,
  MultiPinAnalyticsQuery,
  PinAnalyticsQuery,
  PinAnalyticsResponse,
  TopPinsQuery,
  TopPinsResponse,
} from './schemas.ts';
import type { AnalyticsService } from './service.ts';

export const analyticsRoutes =
  (analytics: AnalyticsService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v5/pins/:pin_id/analytics',
      {
        schema: {
          operationId: 'pins/analytics',
          summary: 'Get Pin analytics',
          tags: ['pins'],
          security: scopes('boards:read', 'pins:read'),
          params: Type.Object({ pin_id: Type.String({ maxLength: 40 }) }),
          querystring: PinAnalyticsQuery,
          response: { 200: PinAnalyticsResponse, default: ERROR_RESPONSE },
        },
      },
      async (request) => analytics.pinAnalytics(request.principal!, request.params.pin_id, request.query),
    );

    app.get(
      '/v5/pins/analytics',
      {
        schema: {
          operationId: 'multi_pins/analytics',
          summary: 'Get multiple Pin analytics',
          tags: ['pins'],
          security: scopes('boards:read', 'pins:read'),
          querystring: MultiPinAnalyticsQuery,
          response: { 200: BulkPinAnalyticsResponse, default: ERROR_RESPONSE },
        },
      },
      async (request) => analytics.multiPinAnalytics(request.principal!, request.query),
    );

    app.get(
      '/v5/user_account/analytics',
      {
        schema: {
          operationId: 'user_account/analytics',
          summary: 'Get user account analytics',
          tags: ['user_account'],
          security: userScopes('user_accounts:read'),
          querystring: AccountAnalyticsQuery,
          response: { 200: AnalyticsResponse, default: ERROR_RESPONSE },
        },
      },
      async (request) => analytics.accountAnalytics(request.principal!, request.query),
    );

    app.get(
      '/v5/user_account/analytics/top_pins',
      {
        schema: {
          operationId: 'user_account/analytics/top_pins',
          summary: 'Get user account top pins analytics',
          tags: ['user_account'],
          security: scopes('pins:read', 'user_accounts:read'),
          querystring: TopPinsQuery,
          response: { 200: TopPinsResponse, default: ERROR_RESPONSE },
        },
      },
      async (request) => analytics.topPins(request.principal!, request.query),
    );

    app.get(
      '/v5/admin/metrics',
      {
        schema: {
          operationId: 'admin/metrics',
          summary:
            'Core platform metrics: DAU/WAU/MAU, sign-ups, saves per user, retention (extension, admins)',
          tags: ['extensions'],
          security: userScopes('user_accounts:read'),
          querystring: CoreMetricsQuery,
          response: { 200: CoreMetricsResponse, default: ERROR_RESPONSE },
        },
      },
      async (request) => analytics.coreMetrics(request.principal!, request.query),
    );
  };
