import { type Static, Type } from 'typebox';

/** The spec's ImageDetails: one size of a pin's image. */
export const ImageDetailsSchema = Type.Object(
  {
    width: Type.Union([Type.Integer(), Type.Null()]),
    height: Type.Union([Type.Integer(), Type.Null()]),
    url: Type.String(),
  },
  { title: 'Image details containing the URL and dimensions.' },
);
export type ImageDetails = Static<typeof ImageDetailsSchema>;

/** The spec's ImageSize: a pin's image in the four sizes Pinterest names. */
export const ImageSizeSchema = Type.Object({
  '150x150': ImageDetailsSchema,
  '400x300': ImageDetailsSchema,
  '600x': ImageDetailsSchema,
  '1200x': ImageDetailsSchema,
});
export type ImageSize = Static<typeof ImageSizeSchema>;
