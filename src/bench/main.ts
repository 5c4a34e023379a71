/** The benchmark page: one call the bench CLI makes through playwright. */
import lizardText from '../../presets/growing-ca/lizard-regenerating.json?raw';
import { createEngineRegl } from '../gpu/create-regl.ts';
import { parseGenome } from '../model/genome-file.ts';
import { runBenchmark, type BenchOptions } from './run.ts';

declare global {
  interface Window {
    runEpigenesisBenchmark: (options: BenchOptions) => ReturnType<typeof runBenchmark>;
  }
}

window.runEpigenesisBenchmark = (options) => {
  const regl = createEngineRegl(document.createElement('canvas'));
  const lizard = parseGenome(lizardText, 'presets/growing-ca/lizard-regenerating.json');
  return runBenchmark(regl, lizard, options);
};
