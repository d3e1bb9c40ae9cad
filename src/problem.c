/*
 * problem.c - the scaled first-moment problem: values and derivatives.
 */
#include "problem.h"

#include <math.h>
#include <string.h>

void problem_init(struct problem *p, const struct model *mdl,
		  const double *m)
{
	memset(p, 0, sizeof(*p));
	p->mdl = mdl;
	p->types = mdl->ntypes;
	problem_set_scales(p, m);
}

/*
 * Increments are scaled by their size at the start (or a twentieth of the
 * largest contribution, so an increment that starts at 0 can still grow),
 * utilities by the value of a perfect model.
 */
void problem_set_scales(struct problem *p, const double *m)
{
	double top = m[p->types - 1];

	if (!(top > 0.0))
		top = p->mdl->value_scale / p->mdl->cost[p->types - 1];
	for (int i = 0; i < p->types; i++) {
		double d = m[i] - (i > 0 ? m[i - 1] : 0.0);
		p->scale_d[i] = fmax(d, 0.05 * top);
	}
	p->value = p->mdl->value_scale;
	p->have_cache = false;
}

void problem_set_relaxation(struct problem *p, const struct envelope *env,
			    bool shared)
{
	p->relax = env;
	p->relax_shared = shared;
	p->have_cache = false;
}

double problem_max_violation(const struct model *mdl, const double *m,
			     const double *t, const double *tbar)
{
	double worst = 0.0;
	int types = mdl->ntypes;

	for (int i = 0; i < types; i++) {
		double u = t[i] - mdl->cost[i] * m[i];
		worst = fmax(worst, mdl->reserve[i].profit - u);
		worst = fmax(worst, t[i] - tbar[i]);
		worst = fmax(worst, -m[i]);
		if (i > 0)
			worst = fmax(worst, m[i - 1] - m[i]);
		for (int j = 0; j < types; j++)
			worst = fmax(worst, t[j] - mdl->cost[i] * m[j] - u);
	}
	return worst;
}

/* Contributions and utilities from scaled variables. */
void problem_unpack(const struct problem *p, const double *x, double *m,
		    double *u)
{
	const struct model *mdl = p->mdl;
	double total = 0.0;

	for (int i = 0; i < p->types; i++) {
		total += p->scale_d[i] * x[i];
		m[i] = total;
	}
	u[0] = mdl->reserve[0].profit + p->value * x[p->types];
	for (int i = 1; i < p->types; i++)
		u[i] = u[i - 1] + (mdl->cost[i - 1] - mdl->cost[i]) * m[i - 1] +
		       p->value * x[p->types + i];
}

/* Scaled variables from a contract (m non-decreasing, t IC-compatible). */
void problem_pack(const struct problem *p, const double *m, const double *t,
		  double *x)
{
	const struct model *mdl = p->mdl;
	double u_prev = 0.0;

	for (int i = 0; i < p->types; i++) {
		double d = m[i] - (i > 0 ? m[i - 1] : 0.0);
		double u = t[i] - mdl->cost[i] * m[i];
		double e = i == 0 ? u - mdl->reserve[0].profit :
			   u - u_prev - (mdl->cost[i - 1] - mdl->cost[i]) *
						m[i - 1];
		x[i] = fmax(d, 0.0) / p->scale_d[i];
		x[p->types + i] = fmax(e, 0.0) / p->value;
		u_prev = u;
	}
}

static void ensure_moments(struct problem *p, const double *x)
{
	size_t bytes = 2 * (size_t)p->types * sizeof(double);
	double m[CML_MAX_TYPES], u[CML_MAX_TYPES];

	if (p->have_cache && memcmp(x, p->x_cached, bytes) == 0)
		return;
	problem_unpack(p, x, m, u);
	moments_eval_hinted(p->mdl, m, p->relax, p->relax_shared, true,
			    &p->lattice_hint, &p->mom);
	memcpy(p->x_cached, x, bytes);
	p->have_cache = true;
	p->evaluations++;
}

double problem_objective(struct problem *p, const double *x, double *grad)
{
	double suffix = 0.0;

	ensure_moments(p, x);
	if (grad != NULL) {
		for (int k = p->types - 1; k >= 0; k--) {
			suffix += p->mom.accuracy_grad[k];
			grad[k] = p->scale_d[k] * suffix;
			grad[p->types + k] = 0.0;
		}
	}
	return p->mom.expected_accuracy;
}

void problem_eval_constraints(struct problem *p, const double *x,
			      double *result, double *grad)
{
	const struct model *mdl = p->mdl;
	int types = p->types, row = 0;
	size_t n = (size_t)problem_variables(p);
	double m[CML_MAX_TYPES], u[CML_MAX_TYPES];
	double inv_v = 1.0 / p->value;

	ensure_moments(p, x);
	problem_unpack(p, x, m, u);
	if (grad != NULL)
		memset(grad, 0, sizeof(double) * n *
				(size_t)problem_constraints(p));
	/* IR_i: (f_i - u_i) / V for i >= 2 (type 1's is the bound e_1 >= 0). */
	for (int i = 1; i < types; i++, row++) {
		result[row] = (mdl->reserve[i].profit - u[i]) * inv_v;
		if (grad == NULL)
			continue;
		double *g = grad + (size_t)row * n;
		for (int k = 0; k <= i; k++) {
			g[k] = -p->scale_d[k] * (mdl->cost[k] - mdl->cost[i]) *
			       inv_v;
			g[types + k] = -1.0;
		}
	}
	/* upIC_i: e_i - (c_{i-1} - c_i) d_i, scaled. */
	for (int i = 1; i < types; i++, row++) {
		double gap = mdl->cost[i - 1] - mdl->cost[i];
		result[row] = x[types + i] - gap * p->scale_d[i] * x[i] * inv_v;
		if (grad == NULL)
			continue;
		double *g = grad + (size_t)row * n;
		g[i] = -gap * p->scale_d[i] * inv_v;
		g[types + i] = 1.0;
	}
	/* budget_i: (t_i - tbar_i) / V. */
	for (int i = 0; i < types; i++, row++) {
		double t = u[i] + mdl->cost[i] * m[i];
		result[row] = (t - p->mom.tbar[i]) * inv_v;
		if (grad == NULL)
			continue;
		double *g = grad + (size_t)row * n;
		double suffix = 0.0;
		for (int k = types - 1; k >= 0; k--) {
			suffix += p->mom.tbar_grad[i][k];
			g[k] = p->scale_d[k] *
			       ((k <= i ? mdl->cost[k] : 0.0) - suffix) * inv_v;
			if (k <= i)
				g[types + k] = 1.0;
		}
	}
}
