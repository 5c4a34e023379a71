/** What a new grid starts with where the link says nothing: its side, and a seed drawn at random. */
import { SEED_MAX } from '../model/hash.ts';

export const DEFAULT_SIZE = 96;

export const randomSeed = () => Math.floor(Math.random() * SEED_MAX);
