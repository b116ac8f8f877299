// GET /v5/trending's query string and answer (extension).
import { type Static, Type } from 'typebox';
import { PinSchema } from '../pins/index.ts';

export const MAX_TRENDING_LIMIT = 50;

const Window = (options = {}) => Type.Union([Type.Literal('24h'), Type.Literal('7d')], options);

export const TrendingQuery = Type.Object({
  window: Type.Optional(
    Window({
      default: '7d',
      description: 'Compare the last 24 hours or 7 days with the same length before.',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_TRENDING_LIMIT,
      default: 10,
      description: 'Most topics and most pins.',
    }),
  ),
});

const Counts = {
  recent_saves: Type.Integer({ description: 'Saves in the window.' }),
  previous_saves: Type.Integer({ description: 'Saves in the window of the same length before it.' }),
  score: Type.Number({ description: 'recent · ln((recent + 1) / (previous + 1)): volume times growth.' }),
};

export const TrendingSchema = Type.Object(
  {
    window: Window(),
    since: Type.String({ format: 'date-time', description: 'Start of the window.' }),
    topics: Type.Array(
      Type.Object({
        name: Type.String({ description: 'A board name pinners save into, as most of them spell it.' }),
        query: Type.String({ description: 'The name as a search query.' }),
        ...Counts,
      }),
    ),
    pins: Type.Array(Type.Object({ pin: PinSchema, ...Counts })),
  },
  { $id: 'Trending', description: 'Topics and pins whose saves are rising, best first.' },
);
export type Trending = Static<typeof TrendingSchema>;
