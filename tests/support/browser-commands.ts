/**
 * Commands the browser tests call that run in Node (vitest browser commands): reading fixtures that need a
 * PNG decoder the page does not ship.
 */
import type { BrowserCommand } from 'vitest/node';
import { readPng } from '../../src/cli/png.ts';
import { padTarget, premultiplyRgba8, sheetTile, EMOJI_TILE } from '../../src/model/target.ts';

/** Emoji `tile` of tests/fixtures/growing-ca/emoji-targets.png, premultiplied and padded to the grid. */
const emojiTarget: BrowserCommand<[tile: number, width: number, height: number]> = (_context, tile, width, height) => {
  const sheet = readPng('tests/fixtures/growing-ca/emoji-targets.png');
  const rgba = premultiplyRgba8(sheetTile(sheet.data, sheet.width, sheet.height, tile), EMOJI_TILE, EMOJI_TILE);
  return [...padTarget(rgba, EMOJI_TILE, EMOJI_TILE, width, height)];
};

export const browserCommands = { emojiTarget };

declare module 'vitest/browser' {
  interface BrowserCommands {
    emojiTarget: (tile: number, width: number, height: number) => Promise<number[]>;
  }
}
