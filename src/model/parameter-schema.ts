/** The live regulation parameters as zod schemas, from their one declaration (params.ts). */
import { z } from 'zod';
import { PARAMETER_NAMES, PARAMETERS, type ParameterName, type ParameterSpec } from './params.ts';
import { got, int, num } from './schema-helpers.ts';

/** An integer (step 1) or a number in the parameter's range, with parameterProblem's words on failure. */
export function parameterSchema(name: ParameterName) {
  const spec: ParameterSpec = PARAMETERS[name];
  return spec.step === 1 ? int(spec.min, spec.max) : num(spec.min, spec.max);
}

/**
 * The regulation a genome carries (its `regulation` field): any of the parameters, each in its range, and
 * knockouts among its `experts` experts. An unknown field is named, with the ones it could have been.
 */
export function regulationSchema(experts: number) {
  const parameters = Object.fromEntries(PARAMETER_NAMES.map((name) => [name, parameterSchema(name).optional()])) as {
    [Name in ParameterName]: z.ZodOptional<ReturnType<typeof parameterSchema>>;
  };
  const knockouts = z.custom<number[]>(
    (value) => Array.isArray(value) && value.every((k) => Number.isInteger(k) && k >= 0 && k < experts),
    { error: (i) => `expected an array of expert indices in [0, ${experts - 1}], got ${JSON.stringify(i.input)}` },
  );
  const known = [...PARAMETER_NAMES, 'knockouts'].join(', ');
  return z
    .object(
      { ...parameters, knockouts: knockouts.optional() },
      { error: (i) => `expected an object, got ${got(i.input)}` },
    )
    .catchall(z.custom(() => false, { error: `unknown parameter; expected one of ${known}` }));
}
