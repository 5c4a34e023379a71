/**
 * A local genome file carried in the share link: its JSON without whitespace, deflated by the platform's
 * CompressionStream ('deflate-raw', in browsers and in Node) and written in base64url, which a URL hash
 * holds without escaping. Weights are base64 inside the JSON; deflate takes back most of base64's third, so
 * a link costs about as many characters as the file has bytes of weights.
 */
import { base64ToBytes, bytesToBase64 } from '../model/base64.ts';
import { parseGenome, serializeGenome } from '../model/genome-file.ts';

/**
 * The most characters a packed genome may take in a link: 128 KiB. Every bundled one-body genome fits (the
 * ladybeetle ships in float16: 91 K characters), and so does one trained from the default preset's config once
 * packGenomeForLink rounds it to float16, while browsers take far longer URLs (Chromium 2 MB, Firefox 1 MB);
 * beyond this a link stops being something one pastes into a message. (A bundled preset travels by name
 * anyway.) A file too large even in float16 is named in the link instead.
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

/** A genome file packed for a link, and whether its weights were rounded to float16 to fit. */
export interface PackedGenome {
  packed: string;
  float16: boolean;
}

/**
 * The genome file packed for a link, its weights rounded to float16 where it does not fit in
 * MAX_LINK_GENOME_CHARS as it is and does in float16 (half the bytes, about 3 significant digits): a genome
 * trained from the default preset's config (four 128-unit experts, 180 K characters packed in float32) then
 * travels at 90 K, and grows what it grew (the ladybeetle's loss moves by 3% at most). What still does not
 * fit (a file that is no genome, as it is; a genome too large even in float16, in float16) the caller refuses.
 */
export async function packGenomeForLink(text: string, fileName: string): Promise<PackedGenome> {
  const packed = await packGenomeText(text);
  if (packed.length <= MAX_LINK_GENOME_CHARS) return { packed, float16: false };
  let half: string;
  try {
    half = await packGenomeText(serializeGenome(parseGenome(text, fileName), 'float16'));
  } catch {
    return { packed, float16: false }; // not a genome: opening the link will say what is wrong with it
  }
  return half.length < packed.length ? { packed: half, float16: true } : { packed, float16: false };
}

/** The text a link's packed genome holds; throws saying what is wrong with it (the caller names the field). */
export function unpackGenomeText(payload: string): Promise<string> {
  return unpackFromLink(payload, 'genome');
}
