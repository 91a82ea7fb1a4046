/**
 * Seedable randomness for the simulator: xoshiro128** (Blackman and Vigna), whose 32-bit integer
 * arithmetic JavaScript runs at full speed, seeded through a splitmix32 mixer so that nearby seeds
 * (1, 2, 3 …) and nearby chunk numbers still give unrelated streams. Math.random is never used:
 * a run must repeat exactly for its seed.
 */

/** splitmix32's finaliser: a bijection of 32-bit words that spreads every input bit over the output. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_24 = 16777216;

/**
 * Tables of the ziggurat method for the standard exponential (Marsaglia and Tsang, 2000) with 256
 * strips: a draw is almost always one table look-up and one multiplication, where −ln u costs a
 * logarithm, and exponential draws are most of what a queueing simulation does. Unlike the
 * original, the strip index (low 8 bits) and the position in the strip (high 24 bits) come from
 * different bits of the word, so they are independent.
 *
 * One table holds each strip's pair (width of a position step, edge of the strip's inner rectangle
 * in the same units), side by side, so a draw reads one array. A position p is inside the
 * rectangle when p < limit, with limit = ⌊(inner edge/outer edge)·2^24⌋; the table keeps
 * limit·width, and p·width < limit·width exactly when p < limit (p and limit are whole numbers
 * below 2^24, so the two products differ by at least one width, far beyond a rounding).
 */
const ZIGGURAT_R = 7.697117470131487; // right edge of the base strip
const ZIGGURAT_AREA = 3.949659822581572e-3; // area of each strip
const zigguratLimit = new Uint32Array(256);
const zigguratWidth = new Float64Array(256);
const zigguratDensity = new Float64Array(256);
{
  let edge = ZIGGURAT_R;
  let previous = edge;
  const q = ZIGGURAT_AREA / Math.exp(-edge);
  zigguratLimit[0] = Math.floor((edge / q) * TWO_POW_24);
  zigguratLimit[1] = 0;
  zigguratWidth[0] = q / TWO_POW_24;
  zigguratWidth[255] = edge / TWO_POW_24;
  zigguratDensity[0] = 1;
  zigguratDensity[255] = Math.exp(-edge);
  for (let i = 254; i >= 1; i--) {
    edge = -Math.log(ZIGGURAT_AREA / edge + Math.exp(-edge));
    zigguratLimit[i + 1] = Math.floor((edge / previous) * TWO_POW_24);
    previous = edge;
    zigguratDensity[i] = Math.exp(-edge);
    zigguratWidth[i] = edge / TWO_POW_24;
  }
}
const zigguratStrips = new Float64Array(512);
for (let i = 0; i < 256; i++) {
  zigguratStrips[2 * i] = zigguratWidth[i]!;
  zigguratStrips[2 * i + 1] = zigguratLimit[i]! * zigguratWidth[i]!;
}

export class Random {
  // Initialised here, not only in the constructor, so that V8 keeps them as small-integer fields
  // (a field first defined as undefined holds any value, and every store then checks it).
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** The second normal deviate of the last Box–Muller pair, waiting to be used. */
  private spareNormal = NaN;
  /** Where the ziggurat's rare path leaves its draw (see standardExponential). */
  private readonly beyond = new Float64Array(1);

  /**
   * A generator for (seed, stream): seed is any safe integer (its high and low words both count),
   * stream numbers the independent chunks of one run.
   */
  constructor(seed: number, stream = 0) {
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_POW_32) >>> 0;
    let counter = mix32(low ^ mix32(high ^ 0x9e3779b9) ^ mix32((stream + 0x632be5ab) >>> 0));
    const next = () => {
      counter = (counter + 0x9e3779b9) >>> 0;
      return mix32(counter);
    };
    this.s0 = next() | 0;
    this.s1 = next() | 0;
    this.s2 = next() | 0;
    this.s3 = next() | 0;
    // xoshiro's one forbidden state; mix32 of four consecutive counters cannot all be 0, but be sure.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator in a given raw state (four words, not all 0): for checking against published outputs. */
  static fromState(words: readonly [number, number, number, number]): Random {
    const random = new Random(0);
    [random.s0, random.s1, random.s2, random.s3] = words.map((w) => w | 0) as [number, number, number, number];
    return random;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /**
   * The next 32 random bits as a signed integer: what the hot paths use, since a signed 32-bit
   * value stays a small integer in V8 where an unsigned one above 2^31 would be a boxed double.
   */
  nextInt32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9);
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ (s1 << 9);
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /**
   * Uniform in the open interval (0, 1), at the centre of one of 2^32 equal cells: never 0, so
   * −ln u is finite, and a resolution of 2.3e-10, far below any probability a run can resolve.
   */
  uniform(): number {
    return (this.nextInt32() + 2147483648.5) / TWO_POW_32;
  }

  /** A whole number in [0, n), n ≤ 2^32 (multiply-shift: no modulo bias worth a run's precision). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return mean * this.standardExponential();
  }

  /**
   * Exponential with mean 1, by the ziggurat (see the tables above). The common case is kept tiny
   * so that V8 inlines it where it is called. The rare rest is a separate function that leaves its
   * draw in a typed array rather than returning it: a call's return value is a tagged JavaScript
   * value, and merged with the common case's result it would make V8 box every draw into a fresh
   * heap number; read back from a Float64Array, both branches stay plain doubles.
   */
  standardExponential(): number {
    const word = this.nextInt32();
    const strip = (word & 255) << 1;
    const x = (word >>> 8) * zigguratStrips[strip]!;
    if (x < zigguratStrips[strip + 1]!) return x;
    this.exponentialBeyondRectangle(word & 255, word >>> 8);
    return this.beyond[0]!;
  }

  private exponentialBeyondRectangle(strip: number, position: number): void {
    for (;;) {
      const x = position * zigguratWidth[strip]!;
      if (strip === 0) {
        this.beyond[0] = ZIGGURAT_R - Math.log(this.uniform()); // the tail beyond R, memoryless
        return;
      }
      // Between the strip's inner rectangle and the curve: accept under e^{−x}.
      const low = zigguratDensity[strip]!;
      if (low + this.uniform() * (zigguratDensity[strip - 1]! - low) < Math.exp(-x)) {
        this.beyond[0] = x;
        return;
      }
      const word = this.nextInt32();
      strip = word & 255;
      position = word >>> 8;
      if (position < zigguratLimit[strip]!) {
        this.beyond[0] = position * zigguratWidth[strip]!;
        return;
      }
    }
  }

  /** Standard normal (Box–Muller, both deviates used). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang's squeeze method). */
  gamma(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let z: number;
      let v: number;
      do {
        z = this.normal();
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * z * z * z * z) return d * v;
      if (Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: about 15 significant digits), enough to set a
 * Weibull scale from its mean.
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const shifted = x - 1;
  let series = coefficients[0]!;
  for (let i = 1; i < coefficients.length; i++) series += coefficients[i]! / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}
