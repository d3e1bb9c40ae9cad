/*
 * lattice.h - the expectations of the first-moment problem without
 * enumerating outcomes (the "approx" method, issue 9).
 *
 * S = X_1 + ... + X_N, each draw m_j with probability p_j.  Every
 * expectation the solver needs is one of E[g(m_j + S')] for S' a sum of
 * N - 1 draws, from all types or from all but type i:
 *   E[g(S_N)]            = sum_j p_j E[g(m_j + S_{N-1})]
 *   d/dm_j E[g(S_N)]     = N p_j E[g'(m_j + S_{N-1})]
 *   E[g(S_N) 1{n_i>=1}]  = E[g(S_N)] - (1-p_i)^N E[g(S_N without type i)]
 * The distribution of S' lives on a lattice of spacing h: each m_j is
 * split between its two neighbouring points keeping its mean, the N - 1
 * fold convolution is a power of the draw's discrete Fourier transform
 * (FFTW), and one inverse transform correlates it with g, g' and g'' on
 * the lattice, giving all the shifts m_j at once.
 *
 * Splitting adds to draw j a zero-mean error of variance
 * v_j = theta_j (1 - theta_j) h^2, which moves E[g] by
 * (1/2) sum_j v_j E[n_j g''(S)] to first order; that term is computed
 * from the same correlation (with a(S)'s kink at its zero threshold as a
 * point mass in g'') and subtracted.  The error bound is the size of the
 * removed term, plus the FFT's rounding and the probability that S'
 * leaves the window (Bernstein's inequality); h is refined until the bound
 * is below LATTICE_TARGET of the value.
 */
#ifndef CML_LATTICE_H
#define CML_LATTICE_H

#include <stdbool.h>

struct model;
struct moments;

/* Relative error the spacing is refined to reach. */
#define LATTICE_TARGET 1e-9
/* Probability left outside the window, at most. */
#define LATTICE_TAIL 1e-17
/* Largest transform, in points (memory: about 7 x 16 bytes per point). */
#define LATTICE_MAX_POINTS (1u << 21)

/*
 * The moments at contributions m by the lattice; out->error receives the
 * bound on the relative error of E[v] and every tbar_i (E[a] likewise).
 * Gradients are those of the lattice sums without the first-order
 * correction.  hint (may be NULL) carries the lattice spacing from one
 * call to the next: 0 to start afresh.  Returns 0, or -1 when memory
 * runs out (out zeroed, error infinite).
 */
int lattice_moments(const struct model *mdl, const double *m, bool gradients,
		    double *hint, struct moments *out);

/*
 * The distribution of S_N (given n_i >= 1 when given >= 0; -1 for none)
 * on a lattice: support[k] = origin + k h and weight[k] for k < *count,
 * allocated with malloc (caller frees).  Weights are clamped at 0 and sum
 * to 1.  Used for reward histograms and the checks.  Returns 0 or -1.
 */
int lattice_distribution(const struct model *mdl, const double *m, int given,
			 double **support, double **weight, int *count);

/*
 * The complete-information benchmark (complete.h) without outcomes: its
 * value depends on the outcome only through A = sum n_i / c_i and
 * B = sum n_i f_i / c_i, a sum of N two-dimensional draws, laid on a
 * COMPLETE_GRID^2 lattice (bilinear splits, 2-D FFT) with one root per
 * point of non-negligible mass.  No error bound: the splitting error is
 * of order h^2 (about 1e-5 relative at N = 1000) where every type trains
 * alone; where some do not, the value jumps from 0 to a positive root
 * between lattice points and the error is of order h (14% for the paper's
 * scenario 3 at N = 10, which the exact method computes).  Fills the expected
 * value and accuracy and each type's contribution and value given it
 * takes part (a second grid per type, of the draws without it); the
 * information cost and rents are left to the caller.  Returns 0 or -1.
 */
struct complete_info;
int lattice_complete(const struct model *mdl, struct complete_info *out);

#endif
