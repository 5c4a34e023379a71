/**
 * A local genome file carried in the share link: its JSON without whitespace, deflated by the platform's
 * CompressionStream ('deflate-raw', in browsers and in Node) and written in base64url, which a URL hash
 * holds without escaping. Weights are base64 inside the JSON; deflate takes back most of base64's third, so
 * a link costs about as many characters as the file has bytes of weights.
 */
import { base64ToBytes, bytesToBase64 } from '../model/base64.ts';

/**
 * The most characters a packed genome may take in a link: 128 KiB. Every bundled one-body genome fits, and
 * so does one trained from the default preset's config (the ladybeetle's four 64-unit experts: a 96 KB file,
 * 92 K characters packed), while browsers take far longer URLs (Chromium 2 MB, Firefox 1 MB); beyond this a
 * link stops being something one pastes into a message. The hybrid's eight experts do not fit: a bundled
 * preset travels by name anyway, and a file that large is named in the link instead.
 */
export const MAX_LINK_GENOME_CHARS = 128 * 1024;

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const source = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(source).arrayBuffer());
}

/**
 * Text deflated and written in base64url: what a link carries of a file (here, and the strokes of
 * strokes-in-link.ts).
 */
export async function packForLink(text: string): Promise<string> {
  const packed = await through(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return bytesToBase64(packed).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The text packForLink packed; throws saying what is wrong with it (`what` names the content, the caller the
 * field).
 */
export async function unpackFromLink(payload: string, what: string): Promise<string> {
  const bytes = /^[A-Za-z0-9_-]+$/.test(payload)
    ? base64ToBytes(
        payload
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .padEnd(Math.ceil(payload.length / 4) * 4, '='),
      )
    : null;
  if (!bytes)
    throw new Error(
      `expected the ${what} packed as base64url text, got ${payload.length} characters that are not `
        + '(a link cut short or edited?)',
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      await through(bytes, new DecompressionStream('deflate-raw')),
    );
  } catch {
    throw new Error(
      `expected deflated ${what}, but its ${payload.length} characters do not inflate (a link cut short?)`,
    );
  }
}

/** The genome file's text, packed for the link (however long: the caller holds it to MAX_LINK_GENOME_CHARS). */
export async function packGenomeText(text: string): Promise<string> {
  let compact = text;
  try {
    compact = JSON.stringify(JSON.parse(text));
  } catch {
    /* not JSON: carried as it is, and reported when opened */
  }
  return packForLink(compact);
}

/** The text a link's packed genome holds; throws saying what is wrong with it (the caller names the field). */
export function unpackGenomeText(payload: string): Promise<string> {
  return unpackFromLink(payload, 'genome');
}
