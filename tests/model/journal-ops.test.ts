import { describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/model/journal-ops.ts';

const disc = { x: 3, y: 4.5, radius: 2 };

describe('parseJournal: the brush calls a share link carries', () => {
  it('accepts every kind of call, in step order', () => {
    const ops = [
      { step: 0, op: 'erase', disc },
      { step: 0, op: 'plantSeed', x: 1, y: 2 },
      { step: 3, op: 'reprogram', disc },
      { step: 3, op: 'knockout', disc, expert: 'all', on: true },
      { step: 4, op: 'force', disc, expert: null },
      { step: 5, op: 'paintMorphogen', disc, channel: 1, value: -0.5 },
      { step: 9, op: 'markClone', disc, label: 15 },
      { step: 9, op: 'clearClones' },
    ];
    expect(parseJournal(ops, 'URL: strokes')).toEqual(ops);
  });

  it.each([
    ['not a list', { op: 'erase' }, 'URL: strokes: expected a list of brush calls, got object'],
    [
      'an unknown brush',
      [{ step: 0, op: 'paint', disc }],
      'URL: strokes: field [0].op: expected one of erase, reprogram, plantSeed, knockout, force, paintMorphogen, '
        + 'markClone, clearClones, got "paint"',
    ],
    [
      'a number for a call',
      [7],
      'URL: strokes: field [0]: expected a brush call (an object with op, step and its arguments), got 7',
    ],
    [
      'a clone label out of range',
      [{ step: 0, op: 'markClone', disc, label: 16 }],
      'URL: strokes: field [0].label: expected an integer in [1, 15], got 16',
    ],
    [
      'a negative radius',
      [{ step: 0, op: 'erase', disc: { ...disc, radius: -1 } }],
      'URL: strokes: field [0].disc.radius: expected a number in [0, 4096], got -1',
    ],
    [
      'an unknown field',
      [{ step: 0, op: 'clearClones', colour: 1 }],
      'URL: strokes: field [0]: unknown field "colour"',
    ],
    [
      'steps that go back',
      [
        { step: 5, op: 'erase', disc },
        { step: 2, op: 'erase', disc },
      ],
      'URL: strokes: field [1].step: expected at least 5 (the step of the call before), got 2',
    ],
  ])('%s is refused, naming the field', (_, json, message) => {
    expect(() => parseJournal(json, 'URL: strokes')).toThrow(message);
  });
});
