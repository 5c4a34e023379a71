/**
 * Flag parsing shared by the CLIs: strict value parsers for commander (each throws InvalidArgumentError
 * saying what was expected, and commander names the flag), and the regulation flags generated from
 * PARAMETERS so no CLI lists the parameters again.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { PARAMETERS, parameterProblem, type ParameterName, type ScalarParams } from '../model/params.ts';
import { checkGridSize } from '../model/state.ts';

// Number() accepts '', ' ', '0x10' and 'Infinity'; flags accept plain decimal numbers only.
export const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^[+-]?\d+$/;

export function integerParser(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!INTEGER.test(text.trim()) || value < min || value > max) {
      throw new InvalidArgumentError(`expected an integer in [${min}, ${max}], got ${JSON.stringify(text)}`);
    }
    return value;
  };
}

/**
 * One `--set FIELD=VALUE` (repeatable), added to those before: FIELD a dotted path of the config, VALUE read
 * as JSON (0.02, [1, 2], true, "text"). The config's schema then checks the field and the value.
 */
export function parseSetting(text: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const match = /^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)=(.+)$/s.exec(text.trim());
  if (!match)
    throw new InvalidArgumentError(`expected FIELD=VALUE such as perturb.grids=0, got ${JSON.stringify(text)}`);
  let value: unknown;
  try {
    value = JSON.parse(match[2]);
  } catch {
    throw new InvalidArgumentError(`expected a JSON value after "${match[1]}=", got ${JSON.stringify(match[2])}`);
  }
  return { ...previous, [match[1]]: value };
}

export interface GridSize {
  width: number;
  height: number;
}

/** "WxH", each side within the grid limits of checkGridSize (the one place that declares them). */
export function parseSize(text: string): GridSize {
  const match = /^(\d+)x(\d+)$/i.exec(text.trim());
  if (!match) throw new InvalidArgumentError(`expected WIDTHxHEIGHT such as 72x72, got ${JSON.stringify(text)}`);
  const size = { width: Number(match[1]), height: Number(match[2]) };
  try {
    checkGridSize(size.width, size.height, 'WIDTHxHEIGHT');
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return size;
}

/** An integer flag in [min, max], `fallback` unless given. */
export function integerOption(flags: string, description: string, fallback: number, min: number, max: number): Option {
  return new Option(flags, description).default(fallback).argParser(integerParser(min, max));
}

/** --size WxH of the CLIs that grow a grid: 72x72 unless given. */
export function sizeOption(description = 'grid width x height in cells'): Option {
  return new Option('--size <WxH>', description).default({ width: 72, height: 72 }, '72x72').argParser(parseSize);
}

/** --steps N of the CLIs that grow a grid once: 200 unless given, at most `max`; `verb` says what the steps do. */
export function stepsOption(verb: string, max: number): Option {
  return integerOption('--steps <int>', `steps to ${verb}, in [0, ${max}]`, 200, 0, max);
}

/** "0,2" -> [0, 2]; "" -> [] (no knockouts). The range is checked once the genome's K is known. */
export function parseIndexList(text: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    if (!/^\d+$/.test(part.trim())) {
      throw new InvalidArgumentError(
        `expected comma-separated expert indices such as 0,2, got ${JSON.stringify(text)}`,
      );
    }
    return Number(part);
  });
}

/** "96,200" -> [96, 200]: distinct integers in [min, max], at least one. */
export function integerListParser(min: number, max: number): (text: string) => number[] {
  return (text) => {
    const parts = text.split(',').map((part) => part.trim());
    const values = parts.map(Number);
    if (parts.some((part) => !/^\d+$/.test(part)) || values.some((v) => v < min || v > max)) {
      throw new InvalidArgumentError(
        `expected comma-separated integers in [${min}, ${max}] such as 96,200, got ${JSON.stringify(text)}`,
      );
    }
    return [...new Set(values)];
  };
}

export interface DiscFlag {
  x: number;
  y: number;
  radius: number;
  /** The fourth number of --clone X,Y,R,LABEL; undefined when not given. */
  label?: number;
}

/**
 * "X,Y,R" (a disc in cells: centre and radius, numbers) or, with `labelled`, "X,Y,R[,LABEL]" with LABEL an
 * integer in [1, maxLabel]. Flags that repeat collect into the array commander passes as `previous`.
 */
export function discParser(
  labelled: false | { maxLabel: number },
): (text: string, previous?: DiscFlag[]) => DiscFlag[] {
  const shape = labelled ? 'X,Y,R or X,Y,R,LABEL' : 'X,Y,R';
  return (text, previous = []) => {
    const parts = text.split(',').map((part) => part.trim());
    const counts = labelled ? [3, 4] : [3];
    if (!counts.includes(parts.length) || parts.some((part) => !DECIMAL.test(part))) {
      throw new InvalidArgumentError(
        `expected ${shape} (numbers, in cells) such as 36,30,5, got ${JSON.stringify(text)}`,
      );
    }
    const [x, y, radius, label] = parts.map(Number);
    if (radius < 0)
      throw new InvalidArgumentError(`expected a radius of at least 0, got ${parts[2]} in ${JSON.stringify(text)}`);
    if (labelled && parts.length === 4 && (!Number.isInteger(label) || label < 1 || label > labelled.maxLabel)) {
      throw new InvalidArgumentError(
        `expected a LABEL in [1, ${labelled.maxLabel}], got ${parts[3]} in ${JSON.stringify(text)}`,
      );
    }
    return [...previous, { x, y, radius, ...(parts.length === 4 ? { label } : {}) }];
  };
}

/** A number in [0, 1]: the environment signal of a genome trained with one. */
export function parseEnvironment(text: string): number {
  const value = Number(text);
  if (!DECIMAL.test(text.trim()) || value < 0 || value > 1)
    throw new InvalidArgumentError(`expected a number in [0, 1], got ${JSON.stringify(text)}`);
  return value;
}

/** The --environment option of the headless CLIs. */
export function environmentOption(): Option {
  return new Option(
    '--environment <number>',
    'the environment signal in [0, 1], for a genome that reads one (default 0)',
  ).argParser(parseEnvironment);
}

/** A path to write: its folder must exist now, so a long run does not fail only at the end. */
export function parseOutputPath(text: string): string {
  const folder = dirname(resolve(text));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new InvalidArgumentError(`expected a file path in an existing folder, but ${folder} is not a folder`);
  }
  return text;
}

/** topK -> top-k: the flag spelling of a parameter; commander maps it back to the camelCase name. */
export function flagName(name: ParameterName): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * One option per parameter, validated by parameterProblem. No commander default: an absent flag must
 * leave the genome's own regulation value in force, so the default is described in the help instead.
 */
export function parameterOptions(names: readonly ParameterName[]): Option[] {
  return names.map((name) => {
    const spec = PARAMETERS[name];
    const integer = spec.step === 1;
    const unit = spec.unit ? ` ${spec.unit}` : '';
    return new Option(
      `--${flagName(name)} <${integer ? 'int' : 'number'}>`,
      `${spec.meaning} Range [${spec.min}, ${spec.max}]${unit}. (default: the genome's value, else ${spec.default})`,
    ).argParser((text: string) => {
      const value = DECIMAL.test(text.trim()) ? Number(text) : text;
      const problem = parameterProblem(name, value);
      if (problem) throw new InvalidArgumentError(problem);
      return value as number;
    });
  });
}

/** The parameter flags the user gave, as overrides for resolveParams. */
export function parameterOverrides(
  options: Partial<Record<string, unknown>>,
  names: readonly ParameterName[],
): Partial<ScalarParams> {
  const overrides: Partial<ScalarParams> = {};
  for (const name of names) {
    const value = options[name];
    if (typeof value === 'number') overrides[name] = value;
  }
  return overrides;
}
