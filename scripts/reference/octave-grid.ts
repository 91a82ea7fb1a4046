/**
 * The qsmm1k(λ, µ = 1, K) grid shared by the Octave cross-check and the reference fixture, so that
 * every Octave answer has a 50-digit value to be judged against.
 *
 * Octave's qsmm1k requires λ > 0, so there is no idle node here. The loads bracket where the
 * textbook formula breaks: ρ = 1 ± 1e-12 (cancellation in the mean queue length), ρ = 1.5 with
 * K = 1750 / 1751 (ρ^{K+1} overflows at K ≥ 1751), and large ρ with large K.
 */
export const octaveLoads: readonly number[] = [1e-300, 1e-6, 0.1, 0.5, 0.9, 0.99, 1 - 1e-12, 1, 1 + 1e-12, 1.01, 1.5, 2, 10, 1e3, 1e6];

export const octaveCapacities: readonly number[] = [1, 2, 5, 10, 100, 1000, 1750, 1751, 1e4, 1e7];

/** Every (λ, µ, K) of the grid, in a fixed order. */
export function octaveGrid(): { lambda: number; mu: number; h: number }[] {
  return octaveLoads.flatMap((lambda) => octaveCapacities.map((h) => ({ lambda, mu: 1, h })));
}
