// The search operations' query strings and Pinterest's SummaryPin, field for field with the spec.
import { type Static, Type } from 'typebox';
import { PageQuery } from '../../platform/pagination.ts';
import { PinSchema } from '../pins/index.ts';
import { MAX_QUERY_LENGTH } from './text-query.ts';

const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** The spec's SummaryPin: a pin's text, link and media. */
export const SummaryPinSchema = Type.Object(
  {
    id: Type.String({ pattern: '^\\d+$' }),
    title: Nullable(Type.String()),
    description: Nullable(Type.String()),
    link: Nullable(Type.String()),
    alt_text: Nullable(Type.String()),
    media: PinSchema.properties.media,
  },
  { $id: 'SummaryPin', description: 'Summarized pin information' },
);
export type SummaryPin = Static<typeof SummaryPinSchema>;

const SearchText = (description: string) =>
  Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH, description });
const QUERY_DESCRIPTION = 'Search query. Can contain pin description keywords or comma-separated pin IDs.';
const Bookmark = Type.Optional(
  Type.String({ maxLength: 2048, description: 'Cursor used to fetch the next page of items' }),
);
const AdAccountId = Type.Optional(
  Type.String({ pattern: '^\\d+$', maxLength: 18, description: 'Unique identifier of an ad account.' }),
);

export const UserPinsQuery = Type.Object({
  ad_account_id: AdAccountId,
  query: SearchText(QUERY_DESCRIPTION),
  bookmark: Bookmark,
});

export const UserBoardsQuery = Type.Intersect([
  PageQuery,
  Type.Object({ ad_account_id: AdAccountId, query: Type.Optional(SearchText(QUERY_DESCRIPTION)) }),
]);

export const PartnerPinsQuery = Type.Object({
  term: SearchText('Search term to look up pins.'),
  country_code: Type.String({
    pattern: '^[A-Za-z]{2}$',
    description: 'Two letter country code (ISO 3166-1 alpha-2)',
  }),
  bookmark: Bookmark,
  locale: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$',
      maxLength: 35,
      description: 'Search locale.',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'Max search result size' }),
  ),
});
