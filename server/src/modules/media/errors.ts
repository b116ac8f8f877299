import { AppError } from '../../platform/errors.ts';
import type { Dimensions } from './sizes.ts';
import { unsupportedTypeMessage } from './sniff.ts';

const invalid = (message: string) => new AppError('INVALID_PARAMETERS', message);

export const unsupportedType = (bytes: Uint8Array) => invalid(unsupportedTypeMessage(bytes));
export const corruptImage = () =>
  invalid('The image could not be decoded: the file is corrupt or truncated.');
export const tooManyPixels = (size: Dimensions | undefined, maxPixels: number) =>
  invalid(
    `The image is too large: ${size ? `${size.width}x${size.height} pixels is` : 'it is'} more than the limit of ${maxPixels} pixels.`,
  );
export const tooLong = (size: Dimensions, maxSide: number) =>
  invalid(
    `The image is too large: ${size.width}x${size.height} pixels has a side longer than ${maxSide} pixels.`,
  );
export const tooManyBytes = (maxBytes: number) =>
  invalid(`The image is too large: the limit is ${maxBytes} bytes.`);
export const emptyImage = () => invalid('The image is empty.');
export const invalidBase64 = () => invalid('The image data is not valid base64.');
export const fetchFailed = (message: string) => invalid(message);
export const imageNotFound = () => new AppError('RESOURCE_NOT_FOUND', 'No such image.');
