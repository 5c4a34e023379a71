/**
 * zod building blocks whose errors read "expected ..., got ...": shared by every schema of the project
 * (genome files, training configs), so every file error names what was expected in the same words.
 */
import { z } from 'zod';

/** The input in words for an error message. */
export function got(input: unknown): string {
  if (input === undefined) return 'nothing (missing)';
  if (input === null) return 'null';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}...` : input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return Array.isArray(input) ? 'an array' : typeof input;
}

/** A closed object: missing -> "expected an object", unknown keys -> named with the keys it allows. */
export function object<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; expected only ${allowed}`
        : `expected an object with ${allowed}, got ${got(issue.input)}`,
  });
}

export const int = (min: number, max: number) => {
  const error = (i: { input: unknown }) => `expected an integer in [${min}, ${max}], got ${got(i.input)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

export const num = (min: number, max: number) => {
  const error = (i: { input: unknown }) => `expected a number in [${min}, ${max}], got ${got(i.input)}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
};

export const text = z.string({ error: (i) => `expected a string, got ${got(i.input)}` });

/** The path of a zod issue as a field name: weights.experts[0].hidden.w */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    '',
  );
}

/**
 * Parses `json` with `schema`; the first problem throws an Error naming `file` and the field (under `at`,
 * where `json` is a part of the file).
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, json: unknown, file: string, at: readonly PropertyKey[] = []): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = fieldName([...at, ...issue.path]);
  throw new Error(`${file}: ${field ? `field ${field}: ` : ''}${issue.message}`);
}
