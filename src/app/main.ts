/**
 * Placeholder app: loads the default preset through the same loader the simulator uses and shows what it
 * holds, with the regulation parameters from their one declaration. The interactive app replaces this.
 */
import { expertCount, genomeParameterCount } from '../model/genome.ts';
import { parseGenome } from '../model/genome-file.ts';
import { PARAMETERS, PARAMETER_NAMES, resolveParams } from '../model/params.ts';
// Bundled as text, so the built page needs no server route for presets/.
import defaultPresetText from '../../presets/untrained-k4.genome.json?raw';

const DEFAULT_PRESET = 'presets/untrained-k4.genome.json';

function showPreset(section: HTMLElement): void {
  const genome = parseGenome(defaultPresetText, DEFAULT_PRESET);
  const params = resolveParams(genome.regulation, expertCount(genome), DEFAULT_PRESET);
  const rows = PARAMETER_NAMES.map((name) => {
    const spec = PARAMETERS[name];
    return `<tr><td>${spec.label}</td><td>${params[name]}</td><td>${spec.min} to ${spec.max} ${spec.unit}</td><td>${spec.meaning}</td></tr>`;
  }).join('');
  const arch = genome.architecture;
  section.innerHTML = `
    <h2>Default preset: ${genome.metadata.name}</h2>
    <p>${genome.metadata.description}</p>
    <p>${arch.channels} channels, ${expertCount(genome)} experts (hidden ${arch.expertHidden.join(', ')}),
      gate ${arch.gateHidden === null ? 'none' : arch.gateHidden === 0 ? 'linear' : `hidden ${arch.gateHidden}`},
      ${arch.morphogens} morphogen field(s), ${genomeParameterCount(genome)} parameters.</p>
    <table><tr><th>parameter</th><th>value</th><th>range</th><th>meaning</th></tr>${rows}</table>`;
}

const section = document.getElementById('preset')!;
try {
  showPreset(section);
} catch (error) {
  section.textContent = `Could not load the default preset: ${(error as Error).message}`;
}
