/**
 * Loop unrolling for the kernels, done on the GLSL text before it is compiled. A loop marked `// unroll`
 * on the line before it is replaced by one copy of its body per iteration, each in its own block with the
 * loop variable a constant:
 *
 *   // unroll
 *   for (int m = 0; m < MARK_SLOTS; m++) { x[m] = ...; }
 *     ->   { const int m = 0; x[m] = ...; } { const int m = 1; x[m] = ...; } ...
 *
 * Why: SwiftShader, the software GPU of headless Chromium (and of every CI run), compiles loops as written,
 * and an array indexed by a loop variable (a local array, or a uniform array) becomes a per-fragment memory
 * gather. Unrolled, every index is a constant: the regulation pass ran 7x faster. GPU drivers unroll small
 * loops themselves, so this costs them nothing. Only loops with constant bounds (an integer or a define)
 * and no `break` or `continue` can be marked; anything else is an error naming the loop. So is a marker
 * that no loop of exactly that form follows (another spacing, another loop): it would fail silently.
 */
import type { Defines } from './pass.ts';

const MARKER = /^[ \t]*\/\/ unroll[ \t]*\n[ \t]*for \(int (\w+) = ([-\w]+); \1 (<|<=) ([-\w]+); \1\+\+\) \{/m;

function bound(token: string, defines: Defines, loop: string): number {
  const value = /^-?\d+$/.test(token) ? Number(token) : defines[token];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new Error(`unroll: ${loop}: bound ${token} is neither an integer nor an integer define`);
  }
  return value;
}

/** The index just past the brace that closes the one at `open`. */
function matchingBrace(source: string, open: number, loop: string): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`unroll: ${loop}: no closing brace`);
}

/** `body` without the loops inside it: their break and continue are their own. */
function withoutInnerLoops(body: string, loop: string): string {
  let text = body;
  for (let at = text.search(/\bfor \(/); at >= 0; at = text.search(/\bfor \(/)) {
    const open = text.indexOf('{', at);
    const end = text.indexOf(';', text.indexOf(')', at));
    // A loop without braces ends at its first statement's semicolon.
    const close = open >= 0 && open < end ? matchingBrace(text, open, loop) : end + 1;
    text = text.slice(0, at) + text.slice(close);
  }
  return text;
}

/** `source` with every marked loop unrolled (innermost copies included). */
export function unrollLoops(source: string, defines: Defines): string {
  let text = source;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) {
    const [header, name, startToken, comparison, endToken] = match;
    const loop = header.trim().split('\n').pop()!.trim();
    const start = bound(startToken, defines, loop);
    const end = bound(endToken, defines, loop) + (comparison === '<=' ? 1 : 0);
    const open = match.index + header.length - 1;
    const close = matchingBrace(text, open, loop);
    const body = text.slice(open + 1, close - 1);
    if (/\b(break|continue)\b/.test(withoutInnerLoops(body, loop)))
      throw new Error(`unroll: ${loop}: the body uses break or continue`);
    const indent = /^[ \t]*/.exec(header.split('\n')[1] ?? '')![0];
    const copies = [];
    for (let i = start; i < end; i++) copies.push(`${indent}{ const int ${name} = ${i};${body}}`);
    text = text.slice(0, match.index) + copies.join('\n') + text.slice(close);
  }
  const stray = /^[ \t]*\/\/ unroll[ \t]*\n(.*)$/m.exec(text);
  if (stray) {
    throw new Error(
      `unroll: the // unroll marker before "${stray[1].trim()}" is not followed by a loop written `
        + '"for (int i = A; i < B; i++) {"',
    );
  }
  return text;
}
