/**
 * The brush calls of a grid (src/app/stroke-journal.ts) carried in a share link: JSON, deflated and in
 * base64url like a genome (genome-in-link.ts). A few hundred dabs take a few kilobytes.
 */
import { parseJournal, type JournalOp } from '../model/journal-ops.ts';
import { packForLink, unpackFromLink } from './genome-in-link.ts';

/** The most characters the strokes may take in a link: past this, sharing says they stay behind. */
export const MAX_LINK_STROKES_CHARS = 32 * 1024;

/**
 * Numbers travel whole: a disc's centre is rounded to a cell where it is painted, and a rounded copy could
 * round the other way.
 */
export function packStrokes(ops: readonly JournalOp[]): Promise<string> {
  return packForLink(JSON.stringify(ops));
}

/** The calls a link carries; throws naming the field and what is wrong. */
export async function unpackStrokes(payload: string): Promise<JournalOp[]> {
  let text: string;
  try {
    text = await unpackFromLink(payload, 'strokes');
  } catch (error) {
    throw new Error(`URL: field strokes: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('URL: field strokes: expected a JSON list of brush calls, and they do not parse');
  }
  return parseJournal(json, 'URL: strokes');
}
