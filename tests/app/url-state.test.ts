import { expect, it } from 'vitest';
import { decodeSetup, encodeSetup } from '../../src/ui/url-state.ts';
import { fitCamera, screenToCell, zoomCamera } from '../../src/view/camera.ts';

it('round-trips a setup through the URL hash', () => {
  const setup = {
    preset: 'untrained-k4',
    seed: 9,
    width: 64,
    height: 48,
    params: { topK: 2, noise: 0.5 },
    knockouts: [1, 3],
    environment: 0.25,
    view: { mode: 'expression' as const, index: 2 },
    camera: { centerX: 10.5, centerY: 20, zoom: 4 },
  };
  const { setup: back, problems } = decodeSetup(encodeSetup(setup));
  expect(problems).toEqual([]);
  expect(back).toEqual(setup);
});

it('writes parameters without float noise', () => {
  expect(encodeSetup({ params: { temperature: 0.49999999999999994, plasticity: 0.1 + 0.2 } })).toBe(
    '#temperature=0.5&plasticity=0.3',
  );
});

it('reports each bad field by name and keeps the good ones', () => {
  const { setup, problems } = decodeSetup(
    '#seed=-1&size=2x9000&topK=1.5&temperature=&fireRate=0.25&environment=1.5&view=nope:0&camera=1,2',
  );
  expect(setup.params).toEqual({ fireRate: 0.25 });
  expect(problems.map((p) => p.split(':')[1].trim())).toEqual([
    'field seed',
    'field size',
    'field temperature',
    'field topK',
    'field environment',
    'field view',
    'field camera',
  ]);
});

it('says what each field expects, quoting the text as written', () => {
  const { problems } = decodeSetup(
    '#seed=1.5&size=10&topK=17&temperature=abc&knockouts=1,,2&environment=-1&view=type:x&camera=1,2,0&at=-3',
  );
  expect(problems).toEqual([
    'URL: field seed: expected an integer in [0, 16777215], got "1.5"',
    'URL: field size: expected WIDTHxHEIGHT with sides in [3, 4096], got "10"',
    'URL: field temperature: expected a number in [0.05, 10], got "abc"',
    'URL: field topK: expected an integer in [1, 16], got "17"',
    'URL: field knockouts: expected expert indices separated by commas, got "1,,2"',
    'URL: field environment: expected a number in [0, 1], got "-1"',
    'URL: field view: expected MODE:INDEX, got "type:x"',
    'URL: field camera: expected X,Y,ZOOM, got "1,2,0"',
    'URL: field at: expected a step (an integer of at least 0), got "-3"',
  ]);
});

it('refuses integers too large to hold exactly (a step or an index of 10^20)', () => {
  const { setup, problems } = decodeSetup('#at=99999999999999999999&view=marks:99999999999999999999');
  expect(setup).toEqual({ params: {} });
  expect(problems).toEqual([
    'URL: field view: expected MODE:INDEX, got "marks:99999999999999999999"',
    'URL: field at: expected a step (an integer of at least 0), got "99999999999999999999"',
  ]);
});

it('maps screen pixels to cells and keeps the cell under the cursor when zooming', () => {
  const camera = fitCamera(100, 50, 800, 400);
  expect(screenToCell(camera, 400, 200, 800, 400)).toEqual([50, 25]);
  const zoomed = zoomCamera(camera, 2, 100, 80, 800, 400);
  const [x, y] = screenToCell(zoomed, 100, 80, 800, 400);
  const [x0, y0] = screenToCell(camera, 100, 80, 800, 400);
  expect(x).toBeCloseTo(x0, 5);
  expect(y).toBeCloseTo(y0, 5);
});
