// The module's pure logic: type sniffing, address rules, hashes, colours, sizes, keys, base64.
import { describe, expect, it } from 'vitest';
import { base64BodyLimit, decodeBase64 } from './base64.ts';
import { dominantColor } from './color.ts';
import { blockedReason, isAllowListed, parseAllowList, parseIp, refusal } from './ip-ranges.ts';
import { DHASH_HEIGHT, DHASH_WIDTH, dHash, hammingDistance, toSignedDecimal } from './phash.ts';
import { etagMatches } from './routes.ts';
import { mediaUrl, parseMediaKey, variantDimensions, variantKey } from './sizes.ts';
import { describeUnsupported, sniffImageType, unsupportedTypeMessage } from './sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function ftyp(major: string, ...compatible: string[]): Buffer {
  const size = 16 + compatible.length * 4;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write(`ftyp${major}`, 4, 'latin1');
  for (const [i, brand] of compatible.entries()) box.write(brand, 16 + i * 4, 'latin1');
  return Buffer.concat([box, Buffer.alloc(32)]);
}

describe('sniffImageType', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['gif', bytes('GIF87a', [1, 0, 1, 0])],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['avif', ftyp('avif', 'mif1', 'miaf')],
    ['avif', ftyp('mif1', 'avif', 'miaf')],
    ['avif', ftyp('avis', 'msf1')],
  ])('recognises %s from its magic number', (type, data) => {
    expect(sniffImageType(data)).toBe(type);
  });

  it.each([
    ['empty', bytes(), 'empty'],
    ['text', bytes('hello, I am a JPEG, honestly'), undefined],
    ['PDF', bytes('%PDF-1.7\n'), 'a PDF document'],
    ['ZIP', bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]), 'a ZIP archive'],
    ['SVG', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'an SVG image'],
    ['SVG without prolog', bytes('  <svg width="10" height="10"></svg>'), 'an SVG image'],
    ['HTML', bytes('<!DOCTYPE html><html></html>'), 'an HTML page'],
    ['TIFF', bytes('II*\0', [8, 0, 0, 0]), 'a TIFF image'],
    ['BMP', bytes('BM', [0, 0, 0, 0]), 'a BMP image'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'a HEIC image'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0]), 'gzip data'],
    ['a truncated PNG signature', bytes([0x89, 0x50, 0x4e]), undefined],
    ['RIFF that is not WebP', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), undefined],
    [
      'an ftyp box with a lying size',
      Buffer.concat([Buffer.from([0, 0, 0x10, 0]), bytes('ftypavif')]),
      undefined,
    ],
  ])('refuses %s', (_name, data, description) => {
    expect(sniffImageType(data)).toBeUndefined();
    expect(describeUnsupported(data)).toBe(description);
    expect(unsupportedTypeMessage(data)).toMatch(
      /^Unsupported image type: the data is not JPEG, PNG, WebP, GIF or AVIF( \(.+\))?\.$/,
    );
  });
});

describe('address rules', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['[::1]', 'a loopback address'],
    ['0.0.0.0', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['100.64.0.1', 'a private (carrier-grade NAT) address'],
    ['100.127.255.254', 'a private (carrier-grade NAT) address'],
    ['169.254.1.1', 'a link-local address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['100.100.100.200', 'a cloud metadata address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['fc00::1', 'a private address'],
    ['fdff:ffff::1', 'a private address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
    ['240.0.0.1', 'a reserved address'],
    ['192.0.2.10', 'a documentation address'],
    ['2001:db8::1', 'a documentation address'],
    // IPv4 hidden inside IPv6 is judged as the IPv4 address it reaches.
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:169.254.169.254', 'a cloud metadata address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['64:ff9b::10.0.0.1', 'a private address'],
    ['::127.0.0.1', 'a reserved address'],
    ['2002:7f00:1::', 'a reserved address'],
    ['localhost', 'not an IP address'],
    ['1.2.3', 'not an IP address'],
    ['0177.0.0.1', 'not an IP address'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(blockedReason(address)).toBeUndefined();
    },
  );

  it('parses IPv6 in all its spellings to the same bytes', () => {
    const expected = parseIp('0:0:0:0:0:ffff:7f00:1');
    expect(parseIp('::ffff:127.0.0.1')).toEqual(expected);
    expect(parseIp('[::FFFF:7F00:1]')).toEqual(expected);
    expect(parseIp('1::')).toEqual(parseIp('1:0:0:0:0:0:0:0'));
    expect(parseIp('1:2:3:4:5:6:7:8')?.[15]).toBe(8);
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
  });
});

describe('allow-list', () => {
  const list = parseAllowList(['127.0.0.1:8080', 'images.test', 'cdn.test:9000', '10.0.0.0/8', '[::1]:7000']);
  const to = (hostname: string, port: number, address: string) => ({ hostname, port, address });

  it('matches addresses by CIDR (and port when given) and hosts by name (and port)', () => {
    expect(isAllowListed(list, to('anything', 8080, '127.0.0.1'))).toBe(true);
    expect(isAllowListed(list, to('anything', 8081, '127.0.0.1'))).toBe(false);
    expect(isAllowListed(list, to('anything', 8080, '::ffff:127.0.0.1'))).toBe(true);
    expect(isAllowListed(list, to('IMAGES.test.', 1234, '127.0.0.1'))).toBe(true);
    expect(isAllowListed(list, to('cdn.test', 9000, '127.0.0.1'))).toBe(true);
    expect(isAllowListed(list, to('cdn.test', 9001, '127.0.0.1'))).toBe(false);
    expect(isAllowListed(list, to('x', 1, '10.200.3.4'))).toBe(true);
    expect(isAllowListed(list, to('x', 7000, '::1'))).toBe(true);
    expect(isAllowListed(list, to('x', 7001, '::1'))).toBe(false);
  });

  it('lets allow-listed destinations through and judges the rest by address', () => {
    expect(refusal(list, to('x', 8080, '127.0.0.1'))).toBeUndefined();
    expect(refusal(list, to('x', 8081, '127.0.0.1'))).toBe('a loopback address');
    expect(refusal([], to('x', 80, '93.184.216.34'))).toBeUndefined();
  });

  it.each(['not a host!', '10.0.0.0/33', 'host:99999', 'a/8', '::1/129', 'http://x'])(
    'rejects the malformed entry %s',
    (entry) => {
      expect(() => parseAllowList([entry])).toThrow(/IMAGE|host|prefix|port/);
    },
  );
});

describe('perceptual hash', () => {
  const gradient = Uint8Array.from({ length: DHASH_WIDTH * DHASH_HEIGHT }, (_, i) => 255 - (i % 9) * 20);

  it('sets a bit where the left pixel is brighter', () => {
    expect(dHash(gradient)).toBe(0xffffffffffffffffn);
    expect(dHash(gradient.map((v) => 255 - v))).toBe(0n);
    expect(toSignedDecimal(0xffffffffffffffffn)).toBe('-1');
    expect(toSignedDecimal(0x7fffffffffffffffn)).toBe('9223372036854775807');
  });

  it('counts differing bits across signed and unsigned forms', () => {
    expect(hammingDistance('-1', 0n)).toBe(64);
    expect(hammingDistance('-1', 0xffffffffffffffffn)).toBe(0);
    expect(hammingDistance('5', '6')).toBe(2);
    expect(hammingDistance(toSignedDecimal(0x8000000000000001n), '1')).toBe(1);
  });
});

describe('dominantColor', () => {
  it('picks the most common colour, not the average', () => {
    const pixels = Buffer.alloc(100 * 3);
    for (let i = 0; i < 100; i++) pixels.set(i < 60 ? [224, 16, 16] : [16, 16, 224], i * 3);
    expect(dominantColor(pixels)).toBe('#e01010');
  });

  it('reads RGBA and averages the winning bucket', () => {
    const pixels = Uint8Array.from([250, 250, 250, 255, 254, 254, 254, 0, 0, 0, 0, 255]);
    expect(dominantColor(pixels, 4)).toBe('#fcfcfc');
  });
});

describe('sizes and keys', () => {
  const sha = 'ab'.padEnd(64, '0');

  it('cover-crops the fixed boxes and caps width-only sizes at the original width', () => {
    expect(variantDimensions('150x150', { width: 40, height: 10 })).toEqual({ width: 150, height: 150 });
    expect(variantDimensions('400x300', { width: 4000, height: 10 })).toEqual({ width: 400, height: 300 });
    expect(variantDimensions('600x', { width: 2000, height: 1000 })).toEqual({ width: 600, height: 300 });
    expect(variantDimensions('1200x', { width: 800, height: 1000 })).toEqual({ width: 800, height: 1000 });
    expect(variantDimensions('600x', { width: 6000, height: 1 })).toEqual({ width: 600, height: 1 });
  });

  it('makes keys that parse back, and parses nothing else', () => {
    expect(variantKey(sha, '600x')).toBe(`ab/${sha}/600x.jpg`);
    expect(variantKey(sha, 'original', 'webp')).toBe(`ab/${sha}/original.webp`);
    expect(parseMediaKey(`ab/${sha}/original.webp`)).toMatchObject({
      sha256: sha,
      contentType: 'image/webp',
    });
    expect(parseMediaKey(`ab/${sha}/150x150.jpg`)).toMatchObject({
      name: '150x150',
      contentType: 'image/jpeg',
    });
    for (const bad of [
      `cd/${sha}/600x.jpg`,
      `ab/${sha}/600x.png`,
      `ab/${sha}/original.svg`,
      `AB/${sha.toUpperCase()}/600x.jpg`,
      `ab/${sha}/../../../etc/passwd`,
      `../ab/${sha}/600x.jpg`,
      `ab/${sha}/600x.jpg/`,
      `ab/${sha}/.tmp-0123`,
    ])
      expect(parseMediaKey(bad)).toBeUndefined();
    expect(mediaUrl('https://pins.example/', 'k')).toBe('https://pins.example/media/k');
  });
});

describe('base64', () => {
  it('decodes with line breaks and without padding', () => {
    const data = Buffer.from('any carnal pleasure.');
    const wrapped = data.toString('base64').replace(/(.{8})/g, '$1\r\n');
    expect(decodeBase64(wrapped, 100)).toEqual({ ok: true, bytes: data });
    expect(decodeBase64(data.toString('base64').replace(/=+$/, ''), 100)).toEqual({ ok: true, bytes: data });
  });

  it.each(['', '   ', 'abc$', 'abcde', 'ab=c', 'YW=', 'YR==', 'data:image/png;base64,AAAA', 'YWJj-_'])(
    'rejects %j',
    (text) => {
      expect(decodeBase64(text, 100)).toEqual({ ok: false, reason: 'invalid' });
    },
  );

  it('refuses data over the cap before decoding it', () => {
    expect(decodeBase64('A'.repeat(1400), 1000)).toEqual({ ok: false, reason: 'too large' });
    expect(decodeBase64('A'.repeat(1_000_000), 1000)).toEqual({ ok: false, reason: 'too large' });
    expect(decodeBase64('A'.repeat(1332), 1000).ok).toBe(true);
  });

  it('sizes a body limit that fits the largest upload, line breaks included', () => {
    const config = { maxUploadBytes: 20 * 1024 * 1024 };
    const encoded = Buffer.alloc(config.maxUploadBytes).toString('base64');
    const wrapped = encoded.replace(/(.{64})/g, '$1\r\n');
    expect(base64BodyLimit(config)).toBeGreaterThan(JSON.stringify({ data: wrapped }).length);
    expect(base64BodyLimit(config)).toBeLessThan(config.maxUploadBytes * 1.5);
    expect(base64BodyLimit(config, 5)).toBeGreaterThan(5 * encoded.length);
  });
});

describe('etagMatches', () => {
  it('compares weakly and understands lists and *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });
});
