/** What the brushes accept, checked before anything is painted: errors name the brush, field and range. */
import type { EngineSizes } from './layouts.ts';

export function checkExpert(expert: number, brush: string, sizes: EngineSizes): void {
  if (!Number.isInteger(expert) || expert < 0 || expert >= sizes.experts) {
    throw new Error(`${brush} brush: field expert: expected an index in [0, ${sizes.experts - 1}], got ${expert}`);
  }
}

export function checkMorphogenPaint(channel: number, value: number, sizes: EngineSizes): void {
  if (!Number.isInteger(channel) || channel < 0 || channel >= sizes.morphogens) {
    throw new Error(
      `morphogen brush: field channel: expected an index in [0, ${sizes.morphogens - 1}], got ${channel}`,
    );
  }
  if (!Number.isFinite(value)) throw new Error(`morphogen brush: field value: expected a finite number, got ${value}`);
}
