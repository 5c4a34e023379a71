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
    error: (issue) => issue.code === 'unrecognized_keys'
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
