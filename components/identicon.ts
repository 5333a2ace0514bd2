/**
 * A small picture derived from a whole address, so two addresses that share their first and last
 * characters (a vanity look-alike, ground to match the short form) still look different at a
 * glance. The address is only shown shortened in most places; the picture depends on every
 * character. FNV-1a is enough to mix the bits: the look-alike's maker would have to match the
 * picture's 27 bits as well as the dozen characters shown.
 */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface IdenticonPattern {
  /** 5×5 cells, mirrored left to right: true where the cell is filled. */
  cells: boolean[][];
  /** Hue of the filled cells and of the ground, in degrees. */
  hue: number;
  groundHue: number;
}

export function identiconPattern(address: string): IdenticonPattern {
  const bits = fnv1a(address, 0);
  const colour = fnv1a(address, 0x9e3779b9);
  const cells = Array.from({ length: 5 }, (_, row) =>
    Array.from({ length: 5 }, (_, col) => {
      const source = col < 3 ? col : 4 - col;
      return ((bits >>> (row * 3 + source)) & 1) === 1;
    }),
  );
  const hue = colour % 360;
  return { cells, hue, groundHue: (hue + 120 + ((colour >>> 9) % 120)) % 360 };
}
