/**
 * The live regulation parameters, declared once. The UI panel, URL state, CLI flags and validation are
 * all generated from PARAMETERS; nothing else lists them.
 */

export interface ParameterSpec {
  /** Short label for panels and help text. */
  label: string;
  min: number;
  max: number;
  default: number;
  /** Step for sliders; 1 marks an integer parameter. */
  step: number;
  unit: string;
  /** One line: what the parameter does to the cells. */
  meaning: string;
}

export const PARAMETERS = {
  temperature: {
    label: 'temperature (tau)',
    min: 0.05,
    max: 10,
    default: 1,
    step: 0.01,
    unit: '',
    meaning: 'Softmax temperature of the gate: low commits each cell to one expert, high spreads expression.',
  },
  topK: {
    label: 'top-k',
    min: 1,
    max: 16,
    default: 16,
    step: 1,
    unit: 'experts',
    meaning: 'Most experts a cell expresses per step; values above K mean all of them (dense).',
  },
  threshold: {
    label: 'threshold',
    min: 0,
    max: 1,
    default: 0,
    step: 0.01,
    unit: '',
    meaning: 'Expression below this share is silenced before renormalising.',
  },
  plasticity: {
    label: 'plasticity (lambda)',
    min: 0,
    max: 1,
    default: 1,
    step: 0.01,
    unit: '',
    meaning: 'How far marks move toward the gate each step: 1 = no memory, near 0 = fate is fixed.',
  },
  noise: {
    label: 'noise (sigma)',
    min: 0,
    max: 5,
    default: 0,
    step: 0.01,
    unit: 'logit',
    meaning: 'Standard deviation of seeded noise added to the gate logits: stochastic fate choice.',
  },
  fireRate: {
    label: 'fire rate',
    min: 0,
    max: 1,
    default: 0.5,
    step: 0.01,
    unit: 'per step',
    meaning: 'Probability that a cell applies its update in a step (asynchronous cells).',
  },
  morphogenGain: {
    label: 'morphogen gain',
    min: 0,
    max: 10,
    default: 1,
    step: 0.01,
    unit: '',
    meaning: 'Multiplies the painted morphogen fields before the gate reads them.',
  },
  stepsPerFrame: {
    label: 'steps per frame',
    min: 1,
    max: 64,
    default: 1,
    step: 1,
    unit: 'steps',
    meaning: 'Simulation steps run between two drawn frames.',
  },
} as const satisfies Record<string, ParameterSpec>;

export type ParameterName = keyof typeof PARAMETERS;
export const PARAMETER_NAMES = Object.keys(PARAMETERS) as ParameterName[];

export type ScalarParams = Record<ParameterName, number>;

export interface RegulationParams extends ScalarParams {
  /** Experts silenced everywhere (indices). Painted knockouts live in the state. */
  knockouts: number[];
}

/** What a genome file or a preset may set: any subset. */
export type RegulationOverrides = Partial<RegulationParams>;

export function defaultParams(): RegulationParams {
  const params = { knockouts: [] as number[] } as RegulationParams;
  for (const name of PARAMETER_NAMES) params[name] = PARAMETERS[name].default;
  return params;
}

/**
 * Checks one parameter value against its declaration. Returns the problem in words ("expected ..., got
 * ..."), or null; the caller names where the value came from (a file and field, a flag, a URL).
 */
export function parameterProblem(name: ParameterName, value: unknown): string | null {
  const spec: ParameterSpec = PARAMETERS[name];
  const integer = spec.step === 1;
  const expected = `${integer ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}]`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `expected ${expected}, got ${describe(value)}`;
  if (integer && !Number.isInteger(value)) return `expected ${expected}, got ${value}`;
  if (value < spec.min || value > spec.max) return `expected ${expected}, got ${value}`;
  return null;
}

/** Merges overrides over the defaults and validates every field; throws naming `context` and the field. */
export function resolveParams(overrides: RegulationOverrides, expertCount: number, context: string): RegulationParams {
  const params = { ...defaultParams(), ...overrides, knockouts: [...(overrides.knockouts ?? [])] };
  for (const name of PARAMETER_NAMES) {
    const problem = parameterProblem(name, params[name]);
    if (problem) throw new Error(`${context}: field ${name}: ${problem}`);
  }
  for (const [i, k] of params.knockouts.entries()) {
    if (!Number.isInteger(k) || k < 0 || k >= expertCount) {
      throw new Error(
        `${context}: field knockouts[${i}]: expected an expert index in [0, ${expertCount - 1}], got ${describe(k)}`,
      );
    }
  }
  return params;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}
