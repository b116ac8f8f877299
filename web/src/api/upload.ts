// Creating a pin from a picked file, with upload progress: fetch cannot report request-body
// progress, XMLHttpRequest can. The image travels as base64 (media_source image_base64).
import { writeHeaders } from './client.ts';
import { ApiError, errorFromResponse, networkError } from './errors.ts';
import type { Pin } from './types.ts';

export interface NewPinFields {
  board_id: string;
  board_section_id?: string | null;
  title?: string;
  description?: string;
  link?: string | null;
  alt_text?: string | null;
}

export type PinImage =
  | { kind: 'file'; contentType: 'image/jpeg' | 'image/png'; base64: string }
  | { kind: 'url'; url: string };

export function mediaSourceOf(image: PinImage) {
  return image.kind === 'file'
    ? { source_type: 'image_base64' as const, content_type: image.contentType, data: image.base64 }
    : { source_type: 'image_url' as const, url: image.url };
}

/** POST /v5/pins; `onProgress` gets the fraction of the body sent (0..1). */
export function createPin(
  fields: NewPinFields,
  image: PinImage,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Pin> {
  const body = JSON.stringify({ ...fields, media_source: mediaSourceOf(image) });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v5/pins');
    for (const [name, value] of Object.entries(writeHeaders(true))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(parsed as Pin);
      } else {
        reject(errorFromResponse(xhr.status, parsed));
      }
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new ApiError(0, 0, 'Upload cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** A file's bytes as base64, without the data: URL prefix. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file.'));
    reader.readAsDataURL(file);
  });
}
