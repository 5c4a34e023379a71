/**
 * `npm run genome:random -- --out FILE [flags]`: writes an untrained genome with seeded random weights.
 * presets/untrained-k4.genome.json comes from this with its defaults.
 */
import { Command, Option } from 'commander';
import type { Architecture } from '../model/genome.ts';
import { serializeGenome } from '../model/genome-file.ts';
import { randomGenome } from '../model/random-genome.ts';
import { writeFileAtomic } from './atomic.ts';
import { integerOption, parseIndexList } from './flags.ts';

const program = new Command('genome:random')
  .description(
    'Write an untrained genome with seeded random weights (runs every code path, grows no particular shape).',
  )
  .requiredOption('--out <file>', 'where to write the *.genome.json')
  .addOption(integerOption('--channels <int>', 'state channels C', 12, 4, 64))
  .addOption(
    new Option('--experts <list>', 'hidden size of each expert, comma-separated')
      .default([32, 32, 32, 32], '32,32,32,32')
      .argParser(parseIndexList),
  )
  .addOption(integerOption('--gate-hidden <int>', 'gate hidden layer size (0 = linear gate)', 16, 0, 512))
  .addOption(integerOption('--morphogens <int>', 'painted morphogen fields the gate reads', 1, 0, 8))
  .addOption(integerOption('--seed <int>', 'seed of the weights', 1, 0, 2 ** 31))
  .addOption(new Option('--output-scale <number>', "scale of the experts' output layers").default(1).argParser(Number))
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .parse();

const options = program.opts<{
  out: string;
  channels: number;
  experts: number[];
  gateHidden: number;
  morphogens: number;
  seed: number;
  outputScale: number;
}>();
const architecture: Architecture = {
  channels: options.channels,
  perception: ['identity', 'sobel_x', 'sobel_y'],
  expertHidden: options.experts,
  gateHidden: options.gateHidden,
  morphogens: options.morphogens,
};
const genome = randomGenome(architecture, {
  seed: options.seed,
  outputScale: options.outputScale,
  name: `untrained-k${options.experts.length}`,
  regulation: { topK: 2, plasticity: 0.2, temperature: 1, fireRate: 0.5 },
});
writeFileAtomic(options.out, serializeGenome(genome));
console.log(JSON.stringify({ out: options.out, experts: options.experts.length, seed: options.seed }));
