/** The --target (and --tile, --tile-size) flags of eval and sweep: a PNG centred on the grid, premultiplied. */
import { Option, type Command } from 'commander';
import { padTarget, premultiplyRgba8 } from '../model/target.ts';
import { cropImage } from '../train/data.ts';
import { integerOption, integerParser } from './flags.ts';
import { readPng } from './png.ts';

export interface TargetFlags {
  target?: string;
  tile?: number;
  tileSize: number;
}

/** --tile and --tile-size: one square tile of a horizontal sheet (the emoji sheet) instead of the whole image. */
export function addTileOptions(program: Command): Command {
  return program
    .addOption(
      new Option('--tile <int>', 'take this tile of a horizontal sheet of square tiles (the emoji sheet)').argParser(
        integerParser(0, 1000),
      ),
    )
    .addOption(integerOption('--tile-size <int>', 'side of a --tile', 40, 1, 1024));
}

export function addTargetOptions(program: Command, required: boolean): Command {
  const target = new Option('--target <file.png>', 'the target image (straight RGBA), centred on the grid');
  return addTileOptions(program.addOption(required ? target.makeOptionMandatory() : target));
}

/** The target on a width x height grid; errors name --target. */
export function loadTarget(
  options: TargetFlags & { target: string },
  width: number,
  height: number,
  sizeFlag = '--size',
): Float32Array {
  let image: ReturnType<typeof cropImage>;
  try {
    image = cropImage(readPng(options.target), options.tile, options.tileSize, options.target);
  } catch (error) {
    throw new Error(`option '--target <file.png>': ${(error as Error).message}`);
  }
  if (image.width > width || image.height > height) {
    throw new Error(
      `option '--target <file.png>': ${options.target} is ${image.width}x${image.height}, `
        + `larger than the ${width}x${height} grid (${sizeFlag})`,
    );
  }
  return padTarget(premultiplyRgba8(image.data, image.width, image.height), image.width, image.height, width, height);
}
