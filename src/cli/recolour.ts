/**
 * `npm run recolour -- SOURCE.png [--tile I] --palette PALETTE.png [--split-inside] [--order LIST | --paint
 * I:J ...] --out TARGET.png`: a target for regulation-only training, the source image redrawn in the colours
 * of a genome's own target (see src/train/recolour.ts); with the source as its own palette and an --order,
 * its parts swap colours, and with --paint one part takes another's colour, the rest unchanged. Prints the
 * colour mapping as JSON. Thin: parse -> read -> recolour -> write.
 *
 * Exit codes: 0 done (or --help); 2 a bad flag or image; 1 anything else.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { cropImage } from '../train/data.ts';
import { recolourToPalette } from '../train/recolour.ts';
import { integerOption, parseOutputPath } from './flags.ts';
import { addTileOptions } from './target-input.ts';
import { readPng, writePngAtomic } from './png.ts';

interface RecolourOptions {
  tile?: number;
  tileSize: number;
  palette: string;
  colours: number;
  splitInside: boolean;
  order?: number[];
  paint?: [number, number][];
  out: string;
}

/** --order: each of 0..n-1 once (a list parser that drops repeats would hide a mistyped order). */
function parseOrder(text: string): number[] {
  const order = text.split(',').map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : Number.NaN));
  if ([...order].sort((a, b) => a - b).some((value, i) => value !== i)) {
    throw new InvalidArgumentError(`expected each of 0..N-1 once, such as 2,1,0,3, got ${JSON.stringify(text)}`);
  }
  return order;
}

/** --paint I:J, repeatable: source cluster I takes palette cluster J's colour. */
function collectPaint(text: string, previous: [number, number][] = []): [number, number][] {
  const match = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(text);
  if (!match)
    throw new InvalidArgumentError(`expected SOURCE:PALETTE cluster indices such as 2:0, got ${JSON.stringify(text)}`);
  return [...previous, [Number(match[1]), Number(match[2])]];
}

function buildProgram(): Command {
  const program = new Command('recolour')
    .description(
      "Redraw an image in another image's colours: source colour cluster i takes palette cluster --order[i]'s colour"
        + ' (by default the i-th largest takes the i-th largest).',
    )
    .argument('<source>', 'the image to recolour (straight RGBA PNG)');
  return addTileOptions(program)
    .addOption(
      new Option('--palette <file.png>', "the image whose colours to use (a preset's target)").makeOptionMandatory(),
    )
    .addOption(integerOption('--colours <int>', 'colour clusters in each image', 3, 1, 16))
    .addOption(
      new Option(
        '--split-inside',
        "cut each colour but the body's into its part inside the body and the rest, as tissue labels do",
      ),
    )
    .addOption(
      new Option(
        '--order <list>',
        'source cluster i takes palette cluster LIST[i] (largest first; default 0,1,2,...)',
      ).argParser(parseOrder),
    )
    .addOption(
      new Option(
        '--paint <I:J>',
        "source cluster I takes palette cluster J's colour, every other pixel kept as it is (repeatable)",
      )
        .argParser(collectPaint)
        .conflicts('order'),
    )
    .addOption(
      new Option('--out <file.png>', 'the recoloured image to write').makeOptionMandatory().argParser(parseOutputPath),
    )
    .showHelpAfterError('(run with --help for the flags)')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

function main(argv: string[]): void {
  const program = buildProgram().parse(argv);
  const source = program.args[0];
  const options = program.opts<RecolourOptions>();
  let result: ReturnType<typeof recolourToPalette>;
  try {
    const image = cropImage(readPng(source), options.tile, options.tileSize, source);
    const { colours, splitInside, order, paint } = options;
    result = recolourToPalette(
      image,
      readPng(options.palette),
      { colours, splitInside, order, paint },
      { source, palette: options.palette },
    );
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
  writePngAtomic(options.out, result.image.width, result.image.height, result.image.data);
  process.stdout.write(
    `${JSON.stringify({ source, palette: options.palette, out: options.out, mapping: result.mapping }, null, 2)}\n`,
  );
}

main(process.argv);
