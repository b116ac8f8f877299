// The "Save" bookmarklet's script, built on its own into /bookmarklet.js (build-plugin.ts) and
// injected into whatever page the person is reading. It lays the page's large pictures out in a grid
// over the page; picking one opens Corkboard's pin builder in a small window, where the signed-in
// person chooses a board. Everything it draws lives in a shadow root, so the page's styles cannot
// reach it, and it adds nothing to the page beyond one element, removed on close.
import { type Candidate, type PageImage, pickImages } from './pick-images.ts';

const HOST_ID = 'corkboard-save-overlay';
const POPUP_FEATURES = 'popup=yes,width=760,height=680,scrollbars=yes,resizable=yes';

/** Where Corkboard is: the origin this script was loaded from. */
function appOrigin(): string {
  const script = document.currentScript as HTMLScriptElement | null;
  const src =
    script?.src ?? [...document.scripts].map((s) => s.src).find((s) => s.includes('/bookmarklet.js')) ?? '';
  return new URL(src, window.location.href).origin;
}

function pageImages(): PageImage[] {
  const found: PageImage[] = [...document.images].map((img) => ({
    src: img.currentSrc || img.src,
    width: img.naturalWidth,
    height: img.naturalHeight,
    alt: img.alt,
  }));
  // The picture a page names for sharing counts too, even when it is not shown.
  const shared = document.querySelector<HTMLMetaElement>('meta[property="og:image"], meta[name="og:image"]');
  if (shared?.content) found.push({ src: shared.content, width: 600, height: 600, alt: document.title });
  return found;
}

const STYLE = `
  :host { all: initial; }
  .backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(255,255,255,0.97);
    overflow: auto; font: 16px/1.4 -apple-system, system-ui, "Segoe UI", Roboto, sans-serif; color: #111; }
  header { position: sticky; top: 0; display: flex; align-items: center; justify-content: space-between;
    padding: 16px 24px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,0.08); }
  h1 { margin: 0; font-size: 20px; }
  .close { border: 0; border-radius: 24px; padding: 10px 16px; background: #efefef; font: inherit; font-weight: 600; cursor: pointer; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 16px; padding: 24px; }
  .tile { position: relative; border: 0; padding: 0; border-radius: 16px; overflow: hidden; background: #efefef;
    cursor: pointer; aspect-ratio: 3 / 4; }
  .tile img { width: 100%; height: 100%; object-fit: cover; display: block; }
  .tile span { position: absolute; top: 10px; right: 10px; padding: 8px 14px; border-radius: 20px; background: #e60023;
    color: #fff; font-weight: 700; opacity: 0; transition: opacity 120ms; }
  .tile small { position: absolute; left: 10px; bottom: 10px; padding: 2px 8px; border-radius: 10px; background: rgba(0,0,0,0.55); color: #fff; }
  .tile:hover span, .tile:focus-visible span { opacity: 1; }
  .tile:focus-visible, .close:focus-visible { outline: 3px solid #0074e8; outline-offset: 2px; }
  .empty { padding: 48px 24px; text-align: center; color: #5f5f5f; }
`;

function tile(candidate: Candidate, onPick: (candidate: Candidate) => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'tile';
  const label = candidate.description ? `Save image: ${candidate.description}` : 'Save this image';
  button.setAttribute('aria-label', `${label} (${candidate.width} × ${candidate.height})`);
  const img = document.createElement('img');
  img.src = candidate.url;
  img.alt = candidate.description;
  const save = document.createElement('span');
  save.textContent = 'Save';
  const size = document.createElement('small');
  size.textContent = `${candidate.width} × ${candidate.height}`;
  button.append(img, save, size);
  button.addEventListener('click', () => onPick(candidate));
  return button;
}

function open(): void {
  document.getElementById(HOST_ID)?.remove();
  const origin = appOrigin();
  const host = document.createElement('div');
  host.id = HOST_ID;
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const backdrop = document.createElement('div');
  backdrop.className = 'backdrop';
  backdrop.setAttribute('role', 'dialog');
  backdrop.setAttribute('aria-modal', 'true');
  backdrop.setAttribute('aria-label', 'Save to Corkboard');

  const previousFocus = document.activeElement as HTMLElement | null;
  const close = () => {
    host.remove();
    document.removeEventListener('keydown', onKey, true);
    previousFocus?.focus?.();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  document.addEventListener('keydown', onKey, true);

  const header = document.createElement('header');
  const title = document.createElement('h1');
  title.textContent = 'Choose an image to save to Corkboard';
  const closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.className = 'close';
  closeButton.textContent = 'Close';
  closeButton.addEventListener('click', close);
  header.append(title, closeButton);

  const pick = (candidate: Candidate) => {
    const url = new URL('/pin-builder', origin);
    url.searchParams.set('media', candidate.url);
    url.searchParams.set('url', window.location.href);
    url.searchParams.set('description', candidate.description.slice(0, 500));
    window.open(url.toString(), 'corkboard-save', POPUP_FEATURES);
    close();
  };

  const candidates = pickImages(pageImages(), window.location.href, document.title);
  const body = document.createElement('div');
  if (candidates.length === 0) {
    body.className = 'empty';
    body.textContent = 'This page has no images large enough to save. Try another page.';
  } else {
    body.className = 'grid';
    for (const candidate of candidates) body.append(tile(candidate, pick));
  }
  backdrop.append(header, body);
  root.append(style, backdrop);
  document.documentElement.append(host);
  (root.querySelector('.tile') as HTMLElement | null)?.focus();
}

open();
