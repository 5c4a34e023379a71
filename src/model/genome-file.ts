/**
 * Reading and writing genome files. `parseGenome` accepts our format (v1, `*.genome.json`) and the
 * Growing-NCA web-demo format, and every problem it finds is an Error naming the file, the field and what
 * was expected. Save then load gives back the same genome, weight for weight.
 */
import { gateInputSize, perceptionSize, type Architecture, type Dense, type Genome } from './genome.ts';
import { genomeFileSchema, GENOME_FORMAT, GENOME_VERSION, type DenseFile, type GenomeFile } from './genome-schema.ts';
import { importGrowingCa, isGrowingCaModel } from './growing-ca.ts';
import { genomeMorphogenPlan } from './morphogen-fields.ts';
import { parseOrThrow } from './schema-helpers.ts';
import { regulationSchema } from './parameter-schema.ts';
import { decodeTensor, encodeTensor, type WeightDtype } from './tensor-codec.ts';

export function parseGenome(text: string, fileName: string): Genome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const hint = text.trim().length === 0 ? 'the file is empty' : (error as Error).message;
    throw new Error(`${fileName}: expected JSON (a genome or a Growing-NCA model), but it does not parse: ${hint}`);
  }
  return isGrowingCaModel(json) ? importGrowingCa(json, fileName) : genomeFromJson(json, fileName);
}

export function genomeFromJson(json: unknown, fileName: string): Genome {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(
      `${fileName}: expected a genome object with format "${GENOME_FORMAT}" or a Growing-NCA layer array, `
        + `got ${Array.isArray(json) ? 'an array' : typeof json}`,
    );
  }
  const file = parseOrThrow(genomeFileSchema, json, fileName);
  const architecture: Architecture = {
    channels: file.architecture.channels,
    perception: file.architecture.perception,
    expertHidden: file.architecture.experts.map((e) => e.hidden),
    gateHidden: file.architecture.gate ? file.architecture.gate.hidden : null,
    morphogens: file.architecture.morphogens,
  };
  const regulation = regulationSchema(architecture.expertHidden.length);
  const genome: Genome = {
    architecture,
    experts: decodeExperts(file, architecture, fileName),
    gate: decodeGate(file, architecture, fileName),
    regulation: parseOrThrow(regulation, file.regulation, fileName, ['regulation']),
    metadata: { ...file.metadata },
  };
  genomeMorphogenPlan(genome, fileName); // a broken field list fails at load, not at the first reset
  return genome;
}

function decodeDense(layer: DenseFile, inputs: number, outputs: number, where: string): Dense {
  const expectShape = (actual: number[], expected: number[], field: string) => {
    if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
      throw new Error(
        `${where}.${field}.shape: expected [${expected.join(', ')}] for this architecture, got [${actual.join(', ')}]`,
      );
    }
  };
  expectShape(layer.w.shape, [inputs, outputs], 'w');
  expectShape(layer.b.shape, [outputs], 'b');
  return { inputs, outputs, w: decodeTensor(layer.w, `${where}.w`), b: decodeTensor(layer.b, `${where}.b`) };
}

function decodeExperts(file: GenomeFile, arch: Architecture, fileName: string) {
  const layers = file.weights.experts;
  if (layers.length !== arch.expertHidden.length) {
    throw new Error(
      `${fileName}: field weights.experts: expected ${arch.expertHidden.length} experts (architecture.experts), `
        + `got ${layers.length}`,
    );
  }
  const inputs = perceptionSize(arch);
  return layers.map((expert, k) => ({
    hidden: decodeDense(expert.hidden, inputs, arch.expertHidden[k], `${fileName}: field weights.experts[${k}].hidden`),
    out: decodeDense(expert.out, arch.expertHidden[k], arch.channels, `${fileName}: field weights.experts[${k}].out`),
  }));
}

function decodeGate(file: GenomeFile, arch: Architecture, fileName: string) {
  const layers = file.weights.gate;
  const where = `${fileName}: field weights.gate`;
  if (arch.gateHidden === null) {
    if (layers !== null)
      throw new Error(`${where}: expected null (architecture.gate is null), got ${layers.length} layers`);
    return null;
  }
  const sizes =
    arch.gateHidden === 0
      ? [gateInputSize(arch), arch.expertHidden.length]
      : [gateInputSize(arch), arch.gateHidden, arch.expertHidden.length];
  if (layers === null || layers.length !== sizes.length - 1) {
    throw new Error(
      `${where}: expected ${sizes.length - 1} layers for architecture.gate.hidden = ${arch.gateHidden}, `
        + `got ${layers === null ? 'null' : layers.length}`,
    );
  }
  return { layers: layers.map((layer, i) => decodeDense(layer, sizes[i], sizes[i + 1], `${where}[${i}]`)) };
}

function encodeDense(layer: Dense, dtype: WeightDtype): DenseFile {
  return {
    w: encodeTensor(layer.w, [layer.inputs, layer.outputs], dtype),
    b: encodeTensor(layer.b, [layer.outputs], dtype),
  };
}

export function genomeToJson(genome: Genome, dtype: WeightDtype = 'float32'): GenomeFile {
  const arch = genome.architecture;
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    metadata: { ...genome.metadata },
    architecture: {
      channels: arch.channels,
      perception: [...arch.perception],
      experts: arch.expertHidden.map((hidden) => ({ hidden })),
      gate: arch.gateHidden === null ? null : { hidden: arch.gateHidden },
      morphogens: arch.morphogens,
    },
    regulation: { ...genome.regulation },
    weights: {
      experts: genome.experts.map((e) => ({ hidden: encodeDense(e.hidden, dtype), out: encodeDense(e.out, dtype) })),
      gate: genome.gate ? genome.gate.layers.map((layer) => encodeDense(layer, dtype)) : null,
    },
  };
}

/** The text of a genome file; float16 halves its size at a precision of about 3 significant digits. */
export function serializeGenome(genome: Genome, dtype: WeightDtype = 'float32'): string {
  return `${JSON.stringify(genomeToJson(genome, dtype), null, 1)}\n`;
}
