/**
 * The buffers of one step and how many slots each holds, from the genome and the grid. Pure: the engine
 * allocates textures from these, and tests pack and unpack states with them.
 */
import { atlasLayout, slotsFor, type AtlasLayout } from '../gpu/atlas.ts';
import { expertCount, type Genome } from '../model/genome.ts';

export interface EngineSizes {
  channels: number;
  experts: number;
  morphogens: number;
  filters: number;
  /** Slots of each part of a cell. */
  stateSlots: number;
  markSlots: number;
  morphogenSlots: number;
  perceptionSlots: number;
  /** First hidden slot of each expert in the hidden atlas, and how many it has. */
  expertSlotStart: number[];
  expertSlotCount: number[];
  /** Hidden slots of all experts together: the rows of the first-layer weight texture, and the most a cell can fill. */
  hiddenSlots: number;
  gateHiddenSlots: number;
}

export interface EngineLayouts {
  /** state [0, S) | marks [S, S + K4) | expression [S + K4, S + 2 K4): what a step carries forward. */
  cells: AtlasLayout;
  /**
   * (knockout bits, forced expert, clone label) [0] | morphogens [1, 1 + M4): what the user paints, and the
   * lineage.
   */
  fields: AtlasLayout;
  perception: AtlasLayout;
  gateHidden: AtlasLayout;
  logits: AtlasLayout;
  /** new marks before fire [0, K4) | expression [K4, 2 K4). */
  regulation: AtlasLayout;
  hidden: AtlasLayout;
  /** the state after the update, before alive masking. */
  candidate: AtlasLayout;
  /** (alive before, fires) per cell, then (alive before and after, fires): one slot each. */
  life: AtlasLayout;
  /** Four uniform draws per expert for the gate noise: one slot per expert. */
  noise: AtlasLayout;
}

export function engineSizes(genome: Genome): EngineSizes {
  const arch = genome.architecture;
  const stateSlots = slotsFor(arch.channels);
  const expertSlotCount = arch.expertHidden.map(slotsFor);
  const expertSlotStart = expertSlotCount.map((_, k) => expertSlotCount.slice(0, k).reduce((a, b) => a + b, 0));
  return {
    channels: arch.channels,
    experts: expertCount(genome),
    morphogens: arch.morphogens,
    filters: arch.perception.length,
    stateSlots,
    markSlots: slotsFor(expertCount(genome)),
    morphogenSlots: slotsFor(arch.morphogens),
    perceptionSlots: stateSlots * arch.perception.length,
    expertSlotStart,
    expertSlotCount,
    hiddenSlots: expertSlotCount.reduce((a, b) => a + b, 0),
    gateHiddenSlots: slotsFor(arch.gateHidden ?? 0),
  };
}

export function engineLayouts(
  sizes: EngineSizes,
  width: number,
  height: number,
  maxTextureSize: number,
): EngineLayouts {
  const layout = (slots: number, name: string) => atlasLayout(width, height, slots, maxTextureSize, name);
  return {
    cells: layout(sizes.stateSlots + 2 * sizes.markSlots, 'cells'),
    fields: layout(1 + sizes.morphogenSlots, 'fields'),
    perception: layout(sizes.perceptionSlots, 'perception'),
    gateHidden: layout(sizes.gateHiddenSlots, 'gate hidden'),
    logits: layout(sizes.markSlots, 'logits'),
    regulation: layout(2 * sizes.markSlots, 'regulation'),
    hidden: layout(sizes.hiddenSlots, 'hidden'),
    candidate: layout(sizes.stateSlots, 'candidate'),
    life: layout(1, 'life'),
    noise: layout(sizes.experts, 'noise'),
  };
}

/** Hidden slots the `count` largest experts fill together: the most a cell expressing `count` can use. */
export function largestSlots(sizes: EngineSizes, count: number): number {
  return [...sizes.expertSlotCount]
    .sort((a, b) => b - a)
    .slice(0, count)
    .reduce((a, b) => a + b, 0);
}
