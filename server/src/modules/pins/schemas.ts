// Pinterest's Pin and the bodies of the pin operations, field for field with the v5 spec.
import { type Static, Type } from 'typebox';
import { ImageSizeSchema } from '../media/index.ts';

const Id = Type.String({ pattern: '^\\d+$' });
// Null first: the validator coerces types and tries union members in order, so [String, Null]
// would turn a JSON null into "" before the Null member is tried.
const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

const MediaWithImage = Type.Object({ media_type: Type.Literal('image'), images: ImageSizeSchema });
const MediaWithImages = Type.Object({
  media_type: Type.Literal('multiple_images'),
  items: Type.Array(
    Type.Object({
      item_type: Type.Literal('image'),
      images: ImageSizeSchema,
      title: Nullable(Type.String()),
      description: Nullable(Type.String()),
      link: Nullable(Type.String()),
    }),
  ),
});

// Counts, and rates such as save_rate.
const Counts = Type.Record(Type.String(), Type.Number());

export const PinSchema = Type.Object(
  {
    id: Id,
    created_at: Type.String({ format: 'date-time' }),
    link: Nullable(Type.String()),
    title: Nullable(Type.String()),
    description: Nullable(Type.String()),
    dominant_color: Nullable(Type.String()),
    alt_text: Nullable(Type.String()),
    creative_type: Type.String(),
    board_id: Id,
    board_section_id: Nullable(Id),
    board_owner: Type.Object({ username: Type.String() }),
    is_owner: Type.Boolean(),
    media: Type.Union([MediaWithImage, MediaWithImages]),
    parent_pin_id: Nullable(Id),
    is_standard: Type.Boolean(),
    has_been_promoted: Type.Boolean(),
    pin_metrics: Nullable(Type.Object({ '90d': Counts, lifetime_metrics: Counts })),
  },
  { $id: 'Pin' },
);
export type Pin = Static<typeof PinSchema>;

export const PinPage = Type.Object({ items: Type.Array(PinSchema), bookmark: Nullable(Type.String()) });

const ImageContentType = Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png')]);
const Base64 = Type.String({ minLength: 1 });
const HttpUrl = Type.String({ minLength: 1, maxLength: 2048 });
const SlotText = {
  title: Type.Optional(Type.String({ maxLength: 100 })),
  description: Type.Optional(Type.String({ maxLength: 800 })),
  link: Type.Optional(Type.String({ maxLength: 2048 })),
};

export const MediaSource = Type.Union([
  Type.Object({
    source_type: Type.Literal('image_url'),
    url: HttpUrl,
    is_standard: Type.Optional(Type.Boolean()),
  }),
  Type.Object({
    source_type: Type.Literal('image_base64'),
    content_type: ImageContentType,
    data: Base64,
    is_standard: Type.Optional(Type.Boolean()),
  }),
  Type.Object({
    source_type: Type.Literal('multiple_image_urls'),
    items: Type.Array(Type.Object({ url: HttpUrl, ...SlotText }), { minItems: 2, maxItems: 5 }),
    index: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  Type.Object({
    source_type: Type.Literal('multiple_image_base64'),
    items: Type.Array(Type.Object({ content_type: ImageContentType, data: Base64, ...SlotText }), {
      minItems: 2,
      maxItems: 5,
    }),
    index: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
]);
export type MediaSource = Static<typeof MediaSource>;

const Title = Nullable(Type.String({ maxLength: 100 }));
const Description = Nullable(Type.String({ maxLength: 800 }));
const Link = Nullable(Type.String({ maxLength: 2048 }));
const AltText = Nullable(Type.String({ maxLength: 500 }));

export const PinCreateBody = Type.Object({
  board_id: Id,
  board_section_id: Type.Optional(Nullable(Id)),
  title: Type.Optional(Title),
  description: Type.Optional(Description),
  link: Type.Optional(Link),
  alt_text: Type.Optional(AltText),
  dominant_color: Type.Optional(Nullable(Type.String({ pattern: '^#[0-9A-Fa-f]{6}$' }))),
  parent_pin_id: Type.Optional(Nullable(Id)),
  media_source: MediaSource,
});
export type PinCreateBody = Static<typeof PinCreateBody>;

export const PinUpdateBody = Type.Object(
  {
    board_id: Type.Optional(Id),
    board_section_id: Type.Optional(Nullable(Id)),
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    link: Type.Optional(Link),
    alt_text: Type.Optional(AltText),
    carousel_slots: Type.Optional(Type.Array(Type.Object(SlotText), { maxItems: 5 })),
  },
  { minProperties: 1 },
);
export type PinUpdateBody = Static<typeof PinUpdateBody>;

export const PinSaveBody = Type.Object({
  board_id: Type.Optional(Nullable(Id)),
  board_section_id: Type.Optional(Nullable(Id)),
});

export const PinIdParams = Type.Object({ pin_id: Type.String({ maxLength: 40 }) });
export const PinMetricsQuery = Type.Object({
  pin_metrics: Type.Optional(Type.Boolean({ default: false })),
  ad_account_id: Type.Optional(Id),
});
