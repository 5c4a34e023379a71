/** A live regulation parameter as a zod schema, from its one declaration (params.ts). */
import { PARAMETERS, type ParameterName, type ParameterSpec } from './params.ts';
import { int, num } from './schema-helpers.ts';

/** An integer (step 1) or a number in the parameter's range, with parameterProblem's words on failure. */
export function parameterSchema(name: ParameterName) {
  const spec: ParameterSpec = PARAMETERS[name];
  return spec.step === 1 ? int(spec.min, spec.max) : num(spec.min, spec.max);
}
