/**
 * `--vary NAME=V1,V2,...` of `npm run sweep`: NAME is a regulation flag without its dashes (top-k,
 * temperature, threshold, plasticity, noise, fire-rate, morphogen-gain), `knockout` (values: expert
 * indices or `none`) or `environment` (values in [0, 1], for a genome that reads an environment signal).
 * Every value is checked against the parameter's declaration; errors name the flag and the value.
 */
import { InvalidArgumentError } from 'commander';
import { parameterProblem, type ParameterName } from '../model/params.ts';
import type { Axis } from '../model/sweep.ts';
import { DECIMAL, flagName } from './flags.ts';
import { HEADLESS_PARAMETERS } from './regulation-flags.ts';

const BY_FLAG = new Map<string, ParameterName>(HEADLESS_PARAMETERS.map((name) => [flagName(name), name]));
export const AXIS_NAMES = [...BY_FLAG.keys(), 'knockout', 'environment'];

/** Commander's collector for repeated --vary flags. */
export function parseVary(text: string, previous: Axis[] = []): Axis[] {
  const match = /^([a-z-]+)=(.+)$/.exec(text.trim());
  if (!match)
    throw new InvalidArgumentError(`expected NAME=V1,V2,... such as top-k=1,2,4, got ${JSON.stringify(text)}`);
  const [, label, list] = match;
  const parameter = label === 'knockout' || label === 'environment' ? label : BY_FLAG.get(label);
  if (!parameter)
    throw new InvalidArgumentError(`expected a name among ${AXIS_NAMES.join(', ')}, got ${JSON.stringify(label)}`);
  if (previous.some((axis) => axis.label === label))
    throw new InvalidArgumentError(`${label} is varied twice; give its values once, separated by commas`);
  const values = list
    .split(',')
    .map((part) => part.trim())
    .map((part): number | null => {
      if (parameter === 'knockout') {
        if (part === 'none') return null;
        if (!/^\d+$/.test(part))
          throw new InvalidArgumentError(`knockout: expected an expert index or none, got ${JSON.stringify(part)}`);
        return Number(part);
      }
      const value = DECIMAL.test(part) ? Number(part) : part;
      if (parameter === 'environment') {
        if (typeof value !== 'number' || value < 0 || value > 1)
          throw new InvalidArgumentError(`environment: expected a number in [0, 1], got ${JSON.stringify(part)}`);
        return value;
      }
      const problem = parameterProblem(parameter, value);
      if (problem) throw new InvalidArgumentError(`${label}: ${problem}`);
      return value as number;
    });
  if (new Set(values).size !== values.length)
    throw new InvalidArgumentError(`${label}: a value is given twice in ${JSON.stringify(list)}`);
  return [...previous, { label, parameter, values }];
}

/** Knockout indices can only be checked once the genome's expert count is known. */
export function checkKnockouts(axes: readonly Axis[], experts: number, file: string): void {
  for (const axis of axes) {
    if (axis.parameter !== 'knockout') continue;
    const bad = axis.values.find((v) => v !== null && v >= experts);
    if (bad !== undefined && bad !== null) {
      throw new Error(
        `option '--vary <NAME=VALUES>': knockout: expected expert indices in [0, ${experts - 1}] or none `
          + `(${file} has ${experts} experts), got ${bad}`,
      );
    }
  }
}
