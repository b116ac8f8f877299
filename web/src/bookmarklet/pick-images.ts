// Which pictures of a page the "Save" bookmarklet offers: big enough to be worth a pin, reachable by
// the server (http or https, not data: or blob:), each once, largest first. Pure: no DOM access,
// so the rules are tested without a browser.

/** Pictures smaller than this on either side are icons, buttons and spacers, not ideas. */
export const MIN_SIDE = 150;
export const MAX_CANDIDATES = 40;

export interface PageImage {
  src: string;
  width: number;
  height: number;
  alt?: string | null;
}

export interface Candidate {
  url: string;
  width: number;
  height: number;
  description: string;
}

/** The absolute http(s) URL of a picture without its #fragment, or null when the server cannot fetch it. */
export function fetchableUrl(src: string, pageUrl: string): string | null {
  try {
    const url = new URL(src, pageUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}

export function pickImages(images: readonly PageImage[], pageUrl: string, pageTitle = ''): Candidate[] {
  const byUrl = new Map<string, Candidate>();
  for (const image of images) {
    if (!(image.width >= MIN_SIDE && image.height >= MIN_SIDE)) continue;
    const url = fetchableUrl(image.src, pageUrl);
    if (!url) continue;
    const description = (image.alt ?? '').trim() || pageTitle.trim();
    const seen = byUrl.get(url);
    // The same picture shown twice: keep its largest size and the first description it had.
    if (seen) {
      if (image.width * image.height > seen.width * seen.height) {
        byUrl.set(url, {
          ...seen,
          width: image.width,
          height: image.height,
          description: seen.description || description,
        });
      }
      continue;
    }
    byUrl.set(url, { url, width: image.width, height: image.height, description });
  }
  return [...byUrl.values()].sort((a, b) => b.width * b.height - a.width * a.height).slice(0, MAX_CANDIDATES);
}
