// Which addresses an image_url fetch may connect to, and the operator's allow-list. Pure: addresses
// are parsed into bytes here (no DNS, no sockets), so the rules are unit-tested exhaustively.
import { isIP } from 'node:net';

/** 4 bytes for IPv4, 16 for IPv6. */
export type IpBytes = Uint8Array;

function parseIPv4(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

function parseIPv6(text: string): IpBytes | undefined {
  let groups = text;
  // A trailing dotted quad ("::ffff:127.0.0.1") is two more 16-bit groups.
  const lastColon = groups.lastIndexOf(':');
  if (groups.includes('.', lastColon)) {
    const v4 = parseIPv4(groups.slice(lastColon + 1));
    if (!v4) return undefined;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    groups = `${groups.slice(0, lastColon + 1)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return undefined;
  const split = (half: string | undefined) => (half ? half.split(':') : []);
  const head = split(halves[0]);
  const rest = split(halves[1]);
  if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...new Array<string>(missing).fill('0'), ...rest].map((g) =>
    Number.parseInt(g, 16),
  );
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

/** An IPv4 or IPv6 literal (brackets and a zone id allowed) as bytes, or undefined. */
export function parseIp(text: string): IpBytes | undefined {
  let address = text.trim();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  const version = isIP(address);
  if (version === 4) return parseIPv4(address);
  if (version === 6) return parseIPv6(address);
  return undefined;
}

function inPrefix(ip: IpBytes, network: IpBytes, prefix: number): boolean {
  if (ip.length !== network.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if ((ip[i]! & mask) !== (network[i]! & mask)) return false;
  }
  return true;
}

interface Range {
  network: IpBytes;
  prefix: number;
  reason: string;
}

function range(cidr: string, reason: string): Range {
  const [address = '', prefix = ''] = cidr.split('/');
  const network = parseIp(address);
  if (!network) throw new Error(`bad built-in range ${cidr}`);
  return { network, prefix: Number(prefix), reason };
}

const METADATA = 'a cloud metadata address';
// Order matters: the first match names the reason.
const IPV4_BLOCKED: Range[] = [
  range('169.254.169.254/32', METADATA),
  range('100.100.100.200/32', METADATA),
  range('0.0.0.0/8', 'an unspecified address'),
  range('127.0.0.0/8', 'a loopback address'),
  range('10.0.0.0/8', 'a private address'),
  range('172.16.0.0/12', 'a private address'),
  range('192.168.0.0/16', 'a private address'),
  range('100.64.0.0/10', 'a private (carrier-grade NAT) address'),
  range('169.254.0.0/16', 'a link-local address'),
  range('192.0.0.0/24', 'a reserved address'),
  range('192.0.2.0/24', 'a documentation address'),
  range('198.51.100.0/24', 'a documentation address'),
  range('203.0.113.0/24', 'a documentation address'),
  range('192.88.99.0/24', 'a reserved address'),
  range('198.18.0.0/15', 'a reserved address'),
  range('224.0.0.0/4', 'a multicast address'),
  range('240.0.0.0/4', 'a reserved address'),
];
const IPV6_BLOCKED: Range[] = [
  range('fd00:ec2::254/128', METADATA),
  range('::/128', 'an unspecified address'),
  range('::1/128', 'a loopback address'),
  range('::/96', 'a reserved address'),
  range('64:ff9b:1::/48', 'a private address'),
  range('100::/64', 'a reserved address'),
  range('2001:db8::/32', 'a documentation address'),
  range('3fff::/20', 'a documentation address'),
  range('2001::/23', 'a reserved address'),
  range('2002::/16', 'a reserved address'),
  range('fc00::/7', 'a private address'),
  range('fe80::/10', 'a link-local address'),
  range('fec0::/10', 'a link-local address'),
  range('ff00::/8', 'a multicast address'),
];
// IPv6 forms that carry an IPv4 address in their last 32 bits and reach it.
const EMBEDS_IPV4 = [range('::ffff:0:0/96', ''), range('64:ff9b::/96', '')];
const GLOBAL_UNICAST = range('2000::/3', '');

/** IPv4-mapped and NAT64 IPv6 addresses become the IPv4 address they reach; others are unchanged. */
export function unmapIp(ip: IpBytes): IpBytes {
  if (ip.length === 16 && EMBEDS_IPV4.some((r) => inPrefix(ip, r.network, r.prefix))) return ip.slice(12);
  return ip;
}

/**
 * Why a connection to this address is refused (e.g. "a loopback address"), or undefined when it
 * is a public unicast address. Anything unparseable is refused.
 */
export function blockedReason(address: string | IpBytes): string | undefined {
  const parsed = typeof address === 'string' ? parseIp(address) : address;
  if (!parsed) return 'not an IP address';
  const ip = unmapIp(parsed);
  const table = ip.length === 4 ? IPV4_BLOCKED : IPV6_BLOCKED;
  const hit = table.find((r) => inPrefix(ip, r.network, r.prefix));
  if (hit) return hit.reason;
  if (ip.length === 16 && !inPrefix(ip, GLOBAL_UNICAST.network, GLOBAL_UNICAST.prefix))
    return 'a reserved address';
  return undefined;
}

export function isPublicAddress(address: string): boolean {
  return blockedReason(address) === undefined;
}

export type AllowEntry =
  | { kind: 'host'; host: string; port?: number }
  | { kind: 'cidr'; network: IpBytes; prefix: number; port?: number };

function parsePort(text: string | undefined, entry: string): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) throw new Error(`bad port in "${entry}"`);
  return port;
}

function parseAllowEntry(raw: string): AllowEntry {
  const entry = raw.trim().toLowerCase();
  let hostPart = entry;
  let portPart: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?(\/\d+)?$/.exec(entry);
  if (bracketed) {
    hostPart = `${bracketed[1]}${bracketed[3] ?? ''}`;
    portPart = bracketed[2];
  } else if ((entry.match(/:/g) ?? []).length === 1) {
    [hostPart = '', portPart] = entry.split(':');
  }
  const port = parsePort(portPart, raw);
  const [address = '', prefixText] = hostPart.split('/');
  const network = parseIp(address);
  if (network) {
    const max = network.length * 8;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!/^\d+$/.test(prefixText ?? String(max)) || prefix > max)
      throw new Error(`bad prefix length in "${raw}"`);
    const unmapped = unmapIp(network);
    const shift = network.length - unmapped.length;
    return { kind: 'cidr', network: unmapped, prefix: Math.max(0, prefix - shift * 8), port };
  }
  if (
    prefixText !== undefined ||
    !/^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(address)
  )
    throw new Error(`"${raw}" is not a host name, host:port, IP address or CIDR range`);
  return { kind: 'host', host: address.replace(/\.$/, ''), port };
}

/** Parses IMAGE_FETCH_ALLOW_HOSTS entries; throws an Error naming the first bad entry. */
export function parseAllowList(entries: readonly string[]): AllowEntry[] {
  return entries.filter((e) => e.trim() !== '').map(parseAllowEntry);
}

export interface Destination {
  /** The URL's host name (or IP literal), without brackets. */
  hostname: string;
  port: number;
  /** The address actually being connected to. */
  address: string;
}

/** Whether an allow-list entry names this host (by name) or the address being connected to. */
export function isAllowListed(list: readonly AllowEntry[], to: Destination): boolean {
  const host = to.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  const ip = parseIp(to.address);
  return list.some((entry) => {
    if (entry.port !== undefined && entry.port !== to.port) return false;
    if (entry.kind === 'host') return entry.host === host;
    return ip !== undefined && inPrefix(unmapIp(ip), entry.network, entry.prefix);
  });
}

/** Why connecting to this destination is refused, or undefined when it may proceed. */
export function refusal(list: readonly AllowEntry[], to: Destination): string | undefined {
  if (isAllowListed(list, to)) return undefined;
  return blockedReason(to.address);
}
